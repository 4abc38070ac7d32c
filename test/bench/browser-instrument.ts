/**
 * What the browser case puts in the page before any of Paddock's scripts run, as plain JavaScript
 * (a string: the bench runs under tsx, whose helpers would not exist in the page). It records, on
 * `window.__bench`:
 * - `firstItemMs`: the first animation frame (navigation start = 0) at which an element matching
 *   the selector is in the DOM and visible, checked every frame from the start;
 * - `frames`: long animation frames (50 ms and more), as the browser reports them;
 * - `answers`: when each board answer (`/api/tasks?…`) reached the page's fetch;
 * - `statusSeen`: once `watchStatus` is set, when a mutation gave an element that `data-status`
 *   (the badge of a row, a card), so the commit of a poll is told from the clock's ticks.
 */

export interface BenchWindowState {
  firstItemMs: number | null;
  frames: Array<{ start: number; duration: number }>;
  answers: number[];
  statusSeen: number[];
  watchStatus: string | null;
}

export function instrumentScript(selector: string): string {
  return `(() => {
  const bench = { firstItemMs: null, frames: [], answers: [], statusSeen: [], watchStatus: null };
  window.__bench = bench;
  const selector = ${JSON.stringify(selector)};
  const look = () => {
    const element = document.querySelector(selector);
    if (element && element.checkVisibility()) {
      bench.firstItemMs = performance.now();
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  if (PerformanceObserver.supportedEntryTypes.includes("long-animation-frame")) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.frames.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: "long-animation-frame", buffered: true });
  }
  const pageFetch = window.fetch;
  window.fetch = async (...args) => {
    const response = await pageFetch(...args);
    const url = String(args[0] instanceof Request ? args[0].url : args[0]);
    if (url.includes("/api/tasks?")) bench.answers.push(performance.now());
    return response;
  };
  const shows = (node, status) =>
    node instanceof Element &&
    (node.getAttribute("data-status") === status || node.querySelector('[data-status="' + status + '"]') !== null);
  new MutationObserver((records) => {
    const status = bench.watchStatus;
    if (!status) return;
    for (const record of records) {
      const hit =
        record.type === "attributes"
          ? shows(record.target, status)
          : Array.from(record.addedNodes).some((node) => shows(node, status));
      if (hit) {
        bench.statusSeen.push(performance.now());
        return;
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-status"] });
})();`;
}
