import "server-only";

import { type PaddockEnv, parseEnv } from "@/lib/env-schema";

const ENV_KEY = Symbol.for("paddock.env");
type EnvHolder = { [ENV_KEY]?: PaddockEnv };

/** The validated environment, parsed once per process. Throws a readable list of what is wrong. */
export function getEnv(): PaddockEnv {
  const holder = globalThis as EnvHolder;
  const cached = holder[ENV_KEY];
  if (cached) return cached;
  const result = parseEnv(process.env);
  if (!result.ok) {
    throw new Error(
      `Paddock cannot start: the environment is not valid.\n${result.problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
  holder[ENV_KEY] = result.env;
  return result.env;
}
