import "server-only";

import type { PaddockEnv } from "@/lib/env-schema";
import { isTransientDatabaseError } from "@/lib/server/db/errors";
import { getEnv } from "@/lib/server/env";
import { jsonError, tooManyRequests } from "@/lib/server/http/respond";
import { logEvent, newRequestId } from "@/lib/server/log";
import { getRuntime, type Runtime } from "@/lib/server/runtime";
import { checkAccess } from "@/lib/server/security/access";
import { clientAddress } from "@/lib/server/security/client-address";
import { limitKey, type Principal } from "@/lib/server/security/principal";

/**
 * Every API route runs through here: a request id, the access check (inside the handler, whatever
 * a proxy in front did), then the rate limit of whoever is asking, the runtime, one log line, and
 * a JSON error instead of a stack trace.
 *
 * Limits run after authentication and key on the person or token when there is one, on the
 * client's address (from the socket, see server.ts) otherwise: an anonymous flood spends only its
 * own address's budget, never a signed-in person's.
 */

export interface ApiContext {
  runtime: Runtime;
  requestId: string;
  client: string;
  /** Who is asking; null on a public route (sign-in), where access is not checked. */
  principal: Principal | null;
  request: Request;
}

interface HandleOptions {
  /** Reachable without a session (the sign-in route). */
  public?: boolean;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export async function handleApi(
  request: Request,
  handler: (context: ApiContext) => Promise<Response>,
  options: HandleOptions = {},
): Promise<Response> {
  const started = performance.now();
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : newRequestId();
  const client = clientAddress(request);
  let response: Response;
  try {
    response = await run(request, handler, options, requestId, client);
  } catch (error) {
    if (isTransientDatabaseError(error)) {
      // The database dropped a connection or is restarting: the browser keeps what it has and asks again.
      logEvent("warn", "database_unavailable", { requestId, error: String(error) });
      response = jsonError("database_unavailable", "Paddock lost its database connection for a moment; try again.");
      response.headers.set("Retry-After", "2");
    } else {
      logEvent("error", "api_failed", { requestId, error: String(error) });
      response = jsonError("internal_error", "Paddock hit an unexpected error; the server log has the details.");
    }
  }
  response.headers.set("X-Request-Id", requestId);
  logEvent(response.status >= 500 ? "error" : "info", "api_request", {
    requestId,
    method: request.method,
    path: new URL(request.url).pathname,
    status: response.status,
    ms: Math.round(performance.now() - started),
    client,
  });
  return response;
}

async function run(
  request: Request,
  handler: (context: ApiContext) => Promise<Response>,
  options: HandleOptions,
  requestId: string,
  client: string,
): Promise<Response> {
  let env: PaddockEnv;
  try {
    env = getEnv();
  } catch (error) {
    logEvent("error", "configuration_invalid", { requestId, error: String(error) });
    return jsonError("paddock_unavailable", "Paddock is not ready: check the server's log for its configuration.");
  }
  let runtime: Runtime;
  try {
    runtime = await getRuntime();
  } catch (error) {
    logEvent("error", "runtime_unavailable", { requestId, error: String(error) });
    return jsonError(
      "paddock_unavailable",
      "Paddock could not start (its database or its set-up): the server's log says why. It keeps trying on its own.",
    );
  }
  const attempt = async () => {
    let principal: Principal | null = null;
    let refusal: string | null = null;
    if (!options.public) {
      const access = await checkAccess(env, runtime.db, request);
      if (access.ok) principal = access.principal;
      else refusal = access.reason;
    }
    const limited = await runtime.limiter.take(limitKey(principal, client));
    if (!limited.ok) {
      return tooManyRequests("rate_limited", "Too many requests: slow down and retry shortly.", limited.retryAfterMs);
    }
    if (refusal !== null) return jsonError("unauthorized", refusal);
    // Nothing is acknowledged that could not be stored: while the store is lost, writes are refused.
    if (!SAFE_METHODS.has(request.method) && !options.public) {
      const storage = runtime.storage.check();
      if (storage.state !== "ok") return storageUnavailable(storage.message);
    }
    try {
      return await handler({ runtime, requestId, client, principal, request });
    } catch (error) {
      if (!runtime.storage.noteWriteError(error)) throw error;
      logEvent("error", "write_refused", { requestId, error: String(error) });
      return storageUnavailable(runtime.storage.status().message);
    }
  };
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      // A read that met connections the database had just dropped is asked again on fresh ones.
      const retry = SAFE_METHODS.has(request.method) && isTransientDatabaseError(error);
      if (!retry || tries > READ_RETRY_DELAYS_MS.length) throw error;
      logEvent("warn", "api_retried", { requestId, tries, error: String(error) });
      await new Promise((resolve) => setTimeout(resolve, READ_RETRY_DELAYS_MS[tries - 1]));
    }
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

function storageUnavailable(message: string | null) {
  const response = jsonError(
    "storage_unavailable",
    message ?? "Paddock cannot store anything right now; nothing was changed.",
  );
  response.headers.set("Retry-After", "5");
  return response;
}
const READ_RETRY_DELAYS_MS = [50, 250];
