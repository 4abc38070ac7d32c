/**
 * At server start-up: validates the environment (a misconfiguration is a readable list, not a 503
 * later) and starts Paddock's work, the watcher included, whether or not anyone looks.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseEnv } = await import("@/lib/env-schema");
  const { logEvent, registerSecret } = await import("@/lib/server/log");
  const result = parseEnv(process.env);
  if (!result.ok) {
    logEvent("error", "configuration_invalid", { problems: result.problems });
    console.error(`Paddock: the environment is not valid:\n${result.problems.map((p) => `  - ${p}`).join("\n")}`);
    return;
  }
  const { env } = result;
  for (const secret of [env.upstream.apiKey, env.access.password, env.access.apiToken, env.access.sessionSecret]) {
    registerSecret(secret);
  }
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
  if (env.mode === "live" && env.access.password === null) {
    const warning =
      "PADDOCK_PASSWORD is not set: anyone who can reach Paddock can see the team's prompts and videos and spend " +
      "the API key's quota. Set PADDOCK_PASSWORD, or keep Paddock behind your team's own sign-in proxy.";
    logEvent("warn", "no_sign_in", { message: warning });
  }
}
