"use client";

import { useEffect, useState } from "react";

export type CopyState = "idle" | "copied" | "failed";

/** Copies text to the clipboard and remembers the outcome for a moment, for the button to say so. */
export function useCopy(resetAfterMs = 1500) {
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), resetAfterMs);
    return () => clearTimeout(timer);
  }, [state, resetAfterMs]);

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return { state, copy };
}
