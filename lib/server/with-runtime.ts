import "server-only";

import { jsonError, serviceUnavailable } from "@/lib/server/http";
import { getRuntime, type Runtime } from "@/lib/server/runtime";

/** Runs a handler with the runtime; a fault becomes a JSON error, never a stack trace. */
export async function withRuntime(handler: (runtime: Runtime) => Promise<Response>): Promise<Response> {
  let runtime: Runtime;
  try {
    runtime = await getRuntime();
  } catch (error) {
    return serviceUnavailable(error);
  }
  try {
    return await handler(runtime);
  } catch (error) {
    console.error(JSON.stringify({ event: "handler_failed", error: String(error) }));
    return jsonError(500, "internal_error", "Paddock hit an unexpected error; the server log has the details.");
  }
}
