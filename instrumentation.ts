/** Validates the environment once at start-up, so a misconfiguration is a readable list, not a 503 later. */
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
  if (env.mode === "demo") {
    // The simulator listens before Paddock says it does.
    const { getRuntime } = await import("@/lib/server/runtime");
    try {
      await getRuntime();
    } catch (error) {
      logEvent("error", "runtime_unavailable", { error: String(error) });
      console.error(`Paddock: could not start: ${String(error)}`);
      return;
    }
    logEvent("info", "demo_mode", { simulator: `http://127.0.0.1:${env.simulator?.port}` });
    console.info(
      `Paddock: demo mode (no HAPPYHORSE_API_KEY): watching the simulator on 127.0.0.1:${env.simulator?.port}.`,
    );
  } else {
    logEvent("info", "live_mode", {
      upstream: new URL(env.upstream.baseUrl).origin,
      pollIntervalMs: env.pollIntervalMs,
    });
  }
  if (env.mode === "live" && env.access.password === null) {
    const warning =
      "PADDOCK_PASSWORD is not set: anyone who can reach Paddock can see the team's prompts and videos and spend " +
      "the API key's quota. Set PADDOCK_PASSWORD, or keep Paddock behind your team's own sign-in proxy.";
    logEvent("warn", "no_sign_in", { message: warning });
  }
}
