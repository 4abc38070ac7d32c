import { readHealth } from "@/lib/server/health";
import { handleApi } from "@/lib/server/http/api-handler";
import { json } from "@/lib/server/http/respond";

export const dynamic = "force-dynamic";

/**
 * Paddock's health: the process, the store, the watcher and the gateway. Open to load balancers
 * without a session (it names no task and no secret); 503 when the store cannot keep writes.
 */
export function GET(request: Request) {
  return handleApi(
    request,
    async ({ runtime }) => {
      const health = await readHealth(runtime);
      return json(health, health.status === "failing" ? 503 : 200);
    },
    { public: true },
  );
}
