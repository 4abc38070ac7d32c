import "server-only";

import { logEvent } from "@/lib/server/log";

/**
 * The loop the watcher, the archive and the webhooks run: one pass, then sleep until the pass's
 * answer (milliseconds) or `idleMs`, or until woken. A pass that throws is logged under
 * `failedEvent` and the loop carries on.
 */
export function backgroundLoop(pass: () => Promise<number | void>, options: { idleMs: number; failedEvent: string }) {
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;

  async function run() {
    while (running) {
      let idleMs = options.idleMs;
      try {
        idleMs = (await pass()) ?? options.idleMs;
      } catch (error) {
        logEvent("error", options.failedEvent, { error: String(error) });
      }
      if (!running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  }

  return {
    get running() {
      return running;
    },
    /** False when it was running already. */
    start(): boolean {
      if (running) return false;
      running = true;
      loop = run();
      return true;
    },
    /** Ends the loop after the pass under way. */
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
    /** Runs the next pass now instead of after the sleep. */
    wake() {
      wakeUp?.();
    },
  };
}
