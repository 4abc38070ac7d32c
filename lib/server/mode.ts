import "server-only";

import { getEnv } from "@/lib/server/env";

/** The mode for display; null when the environment is invalid (the API explains, pages don't crash). */
export function currentMode(): "live" | "demo" | null {
  try {
    return getEnv().mode;
  } catch {
    return null;
  }
}
