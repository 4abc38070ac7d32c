import "server-only";

import type { GatewayStateStore } from "@/lib/server/gateway/gateway-store";

/**
 * The global budget of gateway calls per second, shared by every instance through the gateway
 * state (a generic cell rate algorithm: one row, one atomic update per call). A burst of one
 * second's worth goes at once; beyond it each call waits for its slot.
 */
export function createCallBudget(state: GatewayStateStore, perSecond: number, now: () => number = Date.now) {
  const spacingMs = 1000 / perSecond;
  return {
    perSecond,
    async take(): Promise<void> {
      const waitMs = await state.reserveCall(now(), spacingMs, perSecond);
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    },
  };
}

export type CallBudget = ReturnType<typeof createCallBudget>;
