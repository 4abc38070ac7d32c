"use client";

import { createContext, useContext, useSyncExternalStore } from "react";

/**
 * One shared one-second clock, stopped when none listens. Only the elements that show a running
 * time subscribe (an elapsed clock, a link's expiry), so a tick re-renders those and nothing above
 * them: the board itself never re-renders for the clock.
 */
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
/** 0 until the clock first ticks in this page, as on the server. */
let now = 0;

function tick() {
  now = Date.now();
  for (const notify of listeners) notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(tick, 1000);
    // The first tick comes in a task of its own: were the clock live while a page hydrates, every
    // ticking element would re-render at once inside hydration's commit (one long task).
    if (now === 0) setTimeout(tick, 0);
    else now = Date.now();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * The time before the clock ticks in the browser (on the server, and while hydrating): the
 * answer's own `serverTime`, so the server's HTML and the first render in the browser agree.
 */
const ServerTimeContext = createContext(0);
export const ServerTimeProvider = ServerTimeContext.Provider;

/**
 * The browser's clock, 0 until the page is live. `resolutionMs` rounds it up (a minute for a
 * link that expires in hours): React skips the re-render while the rounded value stays the same.
 */
export function useTicking(resolutionMs = 1000): number {
  return useSyncExternalStore(
    subscribe,
    () => (resolutionMs <= 1000 || now === 0 ? now : Math.ceil(now / resolutionMs) * resolutionMs),
    () => 0,
  );
}

/** The time to show durations against: the browser's clock once live, the answer's time before. */
export function useNow(resolutionMs = 1000): number {
  const fallback = useContext(ServerTimeContext);
  const ticking = useTicking(resolutionMs);
  return ticking > 0 ? ticking : fallback;
}
