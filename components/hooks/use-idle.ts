"use client";

import { useEffect, useState } from "react";

/**
 * False until the browser is first idle after the component mounts (or after `armed` turns true),
 * or the page scrolls: for work nobody needs while the page loads (the card grid's cards past the
 * screen's edge). Two of them in a row (the second armed by the first's work) spread that work over
 * two idle periods instead of one long task.
 */
export function useIdle(armed = true): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (idle || !armed) return;
    const done = () => setIdle(true);
    // Safari has no requestIdleCallback: a second later does as well.
    const handle = typeof requestIdleCallback === "function" ? requestIdleCallback(done, { timeout: 2000 }) : null;
    const timer = handle === null ? setTimeout(done, 1000) : undefined;
    window.addEventListener("scroll", done, { once: true, passive: true });
    return () => {
      if (handle !== null) cancelIdleCallback(handle);
      clearTimeout(timer);
      window.removeEventListener("scroll", done);
    };
  }, [idle, armed]);
  return idle;
}
