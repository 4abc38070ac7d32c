/**
 * `npm run watcher`: the watcher as a process of its own, for deployments that separate web and
 * watcher (the web instances then run with PADDOCK_WATCHER=off). Stops cleanly on SIGTERM.
 */
import { parseEnv } from "@/lib/env-schema";
import { logEvent } from "@/lib/server/log";
import { createRuntime } from "@/lib/server/runtime";

async function main() {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(
      `Paddock watcher: the environment is not valid:\n${parsed.problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    process.exit(1);
  }
  const { env } = parsed;
  if (env.mode === "demo") {
    console.error(
      "Paddock watcher: demo mode watches inside the web process (it hosts the simulator). " +
        "Set HAPPYHORSE_API_KEY and HAPPYHORSE_BASE_URL to run a separate watcher.",
    );
    process.exit(1);
  }
  const runtime = await createRuntime(env, { watcher: true });
  console.info(`Paddock watcher ${runtime.instanceId}: watching ${new URL(env.upstream.baseUrl).origin}.`);
  const stop = async (signal: string) => {
    logEvent("info", "watcher_stopping", { signal, instanceId: runtime.instanceId });
    await runtime.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(`Paddock watcher could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
