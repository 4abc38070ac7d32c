/**
 * At server start-up: validates the environment (a misconfiguration is a readable list, not a 503
 * later) and starts Paddock's work, the watcher included, whether or not anyone looks.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { envSecrets, parseEnv } = await import("@/lib/env-schema");
  const { logEvent, registerSecret } = await import("@/lib/server/log");
  const result = parseEnv(process.env);
  if (!result.ok) {
    logEvent("error", "configuration_invalid", { problems: result.problems });
    console.error(`Paddock: the environment is not valid:\n${result.problems.map((p) => `  - ${p}`).join("\n")}`);
    return;
  }
  const { env } = result;
  for (const secret of envSecrets(env)) registerSecret(secret);
  // The build loads this module too: only a running server starts Paddock's work.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // The watcher starts with the server, before anyone looks (and in demo mode the simulator
  // listens before Paddock says it is ready).
  const { startRuntimeAtBoot } = await import("@/lib/server/runtime");
  const started = await startRuntimeAtBoot((message) => {
    logEvent("error", "runtime_unavailable", { error: message });
    console.error(`Paddock: could not start: ${message} (trying again every 5 s; the API answers 503 meanwhile)`);
  });
  if (env.mode === "demo") {
    logEvent("info", "demo_mode", { simulator: `http://127.0.0.1:${env.simulator?.port}`, started });
    if (started) {
      console.info(
        `Paddock: demo mode (no HAPPYHORSE_API_KEY): watching the simulator on 127.0.0.1:${env.simulator?.port}.`,
      );
    }
  } else {
    logEvent("info", "live_mode", {
      upstream: new URL(env.upstream.baseUrl).origin,
      pollIntervalMs: env.pollIntervalMs,
      started,
    });
  }
  // Only server.ts knows each client's socket address; under another entry every client is "unknown".
  if (
    process.env.NODE_ENV === "production" &&
    !(globalThis as Record<symbol, unknown>)[Symbol.for("paddock.client-addresses-known")]
  ) {
    logEvent("warn", "client_addresses_unknown", {
      message:
        "Paddock was not started with `npm start` (server.ts): client addresses are unknown, so every anonymous " +
        "client shares one rate limit and one sign-in delay. Start it with `npm start`.",
    });
  }
  if (env.mode === "live" && env.access.password === null && env.access.oidc === null) {
    const warning =
      "Neither PADDOCK_PASSWORD nor PADDOCK_OIDC_ISSUER is set: anyone who can reach Paddock can see the team's prompts and videos and spend " +
      "the API key's quota. Set PADDOCK_PASSWORD or PADDOCK_OIDC_*, or keep Paddock behind your team's own sign-in proxy.";
    logEvent("warn", "no_sign_in", { message: warning });
  }
}
