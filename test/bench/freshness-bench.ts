import type { BoardResponse } from "@/lib/api/task-schemas";
import { scaledLifecycle } from "@/lib/simulator/scenarios";
import { startSimulator } from "@/lib/simulator/server";

import { startPaddock } from "../support/paddock-server";
import { median, quantile, round, sleep, track } from "./bench-util";

/**
 * Server freshness: how long after a task changes at the gateway the board API shows the change.
 * The simulator runs outside Paddock, so its clock is known: a new task starts its life when the
 * gateway first hears of it (the call log says when), and from there its status changes (queued,
 * generating, succeeded) fall at fixed offsets. A bench loop reads
 * the board's first page every 100 ms and notes when each change first shows. The watcher checks
 * each task once per interval from its last call, so a change waits at most one interval plus one
 * call; the goal is the longest wait within 1.0x the interval.
 *
 * This is the board API's view. A browser polls the board on its own interval too, which adds up
 * to one more interval on screen (not measured here: that is the browser's schedule, not Paddock's).
 */

const KEY = "sk-bench-freshness";
const INTERVAL_MS = 2_000;
const TASKS = 20;
/** The simulator's clock at twice real time: every phase still outlasts an interval. */
const TIME_SCALE = 2;
const OBSERVE_EVERY_MS = 100;

export interface FreshnessRun {
  intervalMs: number;
  tasks: number;
  changes: number;
  observeEveryMs: number;
  lagMs: { median: number; p90: number; longest: number };
  lagIntervals: { median: number; p90: number; longest: number };
  missed: number;
  goal: string;
}

interface GatewayChange {
  id: string;
  at: number;
  status: string;
}

/** The status changes of one simulated success, from the moment the gateway first heard of it. */
function changesOf(id: string, firstSeen: number): GatewayChange[] {
  const life = scaledLifecycle(TIME_SCALE);
  const started = firstSeen + life.waitingMs + life.queuedMs;
  return [
    { id, at: firstSeen + life.waitingMs, status: "QUEUED" },
    { id, at: started, status: "IN_PROGRESS" },
    { id, at: started + life.runningMs, status: "SUCCESS" },
  ];
}

type Observation = { at: number; status: string };

const STATUS_ORDER = ["NOT_START", "QUEUED", "IN_PROGRESS", "SUCCESS"];

/** How far along a task is. */
const rank = (status: string) => STATUS_ORDER.indexOf(status);

export async function freshnessRun(): Promise<FreshnessRun> {
  const sim = await startSimulator({ apiKey: KEY, timeScale: TIME_SCALE });
  const server = await startPaddock({
    HAPPYHORSE_API_KEY: KEY,
    HAPPYHORSE_BASE_URL: sim.url,
    PADDOCK_POLL_INTERVAL_MS: String(INTERVAL_MS),
    // Twenty tasks at one call each per 2 s need 10 calls a second, twice the default budget.
    PADDOCK_UPSTREAM_MAX_RPS: "20",
    PADDOCK_API_RATE_PER_MINUTE: "100000",
  });
  const seen = new Map<string, Observation[]>();
  let observing = true;
  const observer = (async () => {
    let etag = "";
    while (observing) {
      const response = await fetch(`${server.url}/api/tasks?limit=100`, { headers: { "If-None-Match": etag } });
      const at = Date.now();
      if (response.status === 200) {
        etag = response.headers.get("etag") ?? "";
        const board = (await response.json()) as BoardResponse;
        for (const task of board.tasks) {
          const status = task.view?.status.value;
          if (!status) continue;
          const list = seen.get(task.id) ?? [];
          if (list.at(-1)?.status !== status) list.push({ at, status });
          seen.set(task.id, list);
        }
      } else {
        await response.arrayBuffer();
      }
      await sleep(OBSERVE_EVERY_MS);
    }
  })();
  try {
    const ids = Array.from({ length: TASKS }, (_, i) => `task_benchFresh${String(i).padStart(4, "0")}`);
    // All start their lives together (the bench asks the gateway first), then they are tracked one
    // by one across an interval: Paddock checks each at its own phase of the interval, so the waits
    // cover every phase rather than the one that tracking at birth would give.
    await Promise.all(
      ids.map((id) =>
        fetch(`${sim.url}/v1/video/generations/${id}`, { headers: { Authorization: `Bearer ${KEY}` } }).then((r) =>
          r.arrayBuffer(),
        ),
      ),
    );
    const born = Date.now();
    for (const [index, id] of ids.entries()) {
      await sleep(Math.max(0, born + (index * INTERVAL_MS) / TASKS - Date.now()));
      await track(server.url, [id]);
    }
    const life = scaledLifecycle(TIME_SCALE);
    const total = life.waitingMs + life.queuedMs + life.runningMs;
    const deadline = Date.now() + total + 4 * INTERVAL_MS + 10_000;
    const done = () => ids.every((id) => seen.get(id)?.some((o) => o.status === "SUCCESS"));
    while (!done() && Date.now() < deadline) await sleep(250);

    const firstSeen = new Map<string, number>();
    for (const call of sim.callLog()) if (!firstSeen.has(call.id)) firstSeen.set(call.id, call.at);
    const lags: number[] = [];
    let missed = 0;
    let changes = 0;
    for (const id of ids) {
      const first = firstSeen.get(id);
      if (first === undefined) throw new Error(`the gateway never heard of ${id}`);
      for (const change of changesOf(id, first)) {
        changes += 1;
        // The first answer at or past this state (a state between two reads is passed over, not missed).
        const shown = (seen.get(id) ?? []).find((o) => rank(o.status) >= rank(change.status));
        if (shown) lags.push(shown.at - change.at);
        else missed += 1;
      }
    }
    const stat = (f: (v: number) => number) => ({
      median: f(median(lags)),
      p90: f(quantile(lags, 0.9)),
      longest: f(Math.max(0, ...lags)),
    });
    return {
      intervalMs: INTERVAL_MS,
      tasks: TASKS,
      changes,
      observeEveryMs: OBSERVE_EVERY_MS,
      lagMs: stat((v) => Math.round(v)),
      lagIntervals: stat((v) => round(v / INTERVAL_MS, 2)),
      missed,
      goal: "longest <= 1.0x the interval",
    };
  } finally {
    observing = false;
    await observer.catch(() => undefined);
    await server.stop();
    await sim.stop();
  }
}

export function printFreshness(run: FreshnessRun) {
  console.log(
    `  ${run.changes} changes of ${run.tasks} tasks at a ${run.intervalMs / 1000} s interval, the board API read every ${run.observeEveryMs} ms:`,
  );
  console.log(
    `  shown after: median ${run.lagMs.median} ms (x${run.lagIntervals.median}), p90 ${run.lagMs.p90} ms (x${run.lagIntervals.p90}), longest ${run.lagMs.longest} ms (x${run.lagIntervals.longest}; goal <= 1.0)${run.missed > 0 ? `; ${run.missed} never shown` : ""}`,
  );
}
