/** Validates the environment once at start-up, so a misconfiguration is a readable list, not a 503 later. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseEnv } = await import("@/lib/env-schema");
  const result = parseEnv(process.env);
  if (!result.ok) {
    console.error(
      `Paddock: the environment is not valid:\n${result.problems.map((problem) => `  - ${problem}`).join("\n")}`,
    );
    return;
  }
  const { env } = result;
  console.info(
    env.mode === "demo"
      ? `Paddock: demo mode (no HAPPYHORSE_API_KEY): watching the built-in simulator on 127.0.0.1:${env.simulator?.port}.`
      : `Paddock: watching ${new URL(env.upstream.baseUrl).origin}, polling every ${env.pollIntervalMs / 1000} s.`,
  );
}
