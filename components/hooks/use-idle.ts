"use client";

import { useEffect, useState } from "react";

/**
 * False until the browser is first idle after the component mounts, or the page scrolls: for
 * work nobody needs while the page loads (the card grid's block past the screen's edge).
 */
export function useIdle(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (idle) return;
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
  }, [idle]);
  return idle;
}
