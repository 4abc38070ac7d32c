import "server-only";

import type { RefreshError, TrackedTask } from "@/lib/api/task-schemas";
import { readTaskAnswer } from "@/lib/happyhorse/answer";
import type { GatewayTask } from "@/lib/happyhorse/schema";
import { UPSTREAM_ERRORS } from "@/lib/happyhorse/upstream-error";
import { isAllowedVideoUrl } from "@/lib/security/video-hosts";
import type { TaskRow } from "@/lib/server/tasks/task-store";
import { type EtaGroup, pickEstimate } from "@/lib/tasks/eta";
import { levelsDisagreement, stuckFlag } from "@/lib/tasks/inspection";
import { toTaskView } from "@/lib/tasks/task-view";
import type { TaskView } from "@/lib/tasks/task-view-schema";
import { STOP_REASONS } from "@/lib/tasks/watch";

/** A stored task as the API answers it: its view read from the stored answer, its error, its warnings. */

export interface ViewPolicy {
  stuckAfterMs: number;
  videoHosts: readonly string[];
}

/**
 * `etaGroups` (from `etaGroups(db)`) gives an active task its estimate; without them (an export,
 * a duplicate) there is none.
 */
export function toTrackedTask(
  row: TaskRow,
  now: number,
  policy: ViewPolicy,
  etaGroups: ReadonlyMap<string, EtaGroup> | null = null,
): TrackedTask {
  const { stuckAfterMs } = policy;
  const snapshot = readSnapshot(row);
  const view = snapshot ? withVideoPolicy(toTaskView(snapshot, now), policy.videoHosts) : null;
  const reason = STOP_REASONS.find((candidate) => candidate === row.stopped_reason);
  const stopped = reason ? { reason, at: row.stopped_at ?? row.checked_at ?? now } : null;
  return {
    id: row.id,
    addedAt: row.added_at,
    boardAt: row.submitted_at ?? row.added_at,
    label: row.label,
    view,
    snapshotAt: row.snapshot_at,
    checkedAt: row.checked_at,
    error: errorOf(row),
    stopped,
    // A task Paddock no longer watches is not "stuck": nobody is waiting on it any more.
    inspection: inspectionOf(view, stopped ? null : row.changed_at, now, stopped ? null : stuckAfterMs),
    eta:
      etaGroups && row.terminal === 0
        ? pickEstimate(etaGroups, {
            action: row.action,
            tier: row.resolution_tier,
            seconds: row.billed_seconds === null ? null : Math.round(row.billed_seconds),
          })
        : null,
    archive: row.archive_state
      ? {
          state: row.archive_state,
          bytes: row.archive_bytes === null ? null : Number(row.archive_bytes),
          detail: row.archive_detail,
          at: row.archive_at === null ? null : Number(row.archive_at),
        }
      : null,
    startedHere: row.request !== null,
  };
}

/** A video link is offered only where the browser may load it: https on a configured video host. */
export function withVideoPolicy(view: TaskView, videoHosts: readonly string[]): TaskView {
  if (!view.video) return view;
  return { ...view, video: { ...view.video, allowed: isAllowedVideoUrl(view.video.url, videoHosts) } };
}

export function inspectionOf(
  view: TaskView | null,
  lastChange: number | null,
  now: number,
  stuckAfterMs: number | null,
) {
  return {
    disagreement: view ? levelsDisagreement(view) : null,
    stuck: view && stuckAfterMs !== null ? stuckFlag(view, lastChange, now, stuckAfterMs) : null,
  };
}

/**
 * Stored answers by task and snapshot time: every viewer's poll reads the same snapshots, so each
 * is parsed once, not once per request. Bounded; the oldest entries go first.
 */
const PARSED_CACHE_LIMIT = 5000;
const parsedSnapshots = new Map<string, GatewayTask | null>();

export function readSnapshot(row: Pick<TaskRow, "id" | "raw_json" | "snapshot_at">): GatewayTask | null {
  if (!row.raw_json) return null;
  const key = `${row.id}@${row.snapshot_at}`;
  const cached = parsedSnapshots.get(key);
  if (cached !== undefined) return cached;
  // Read again by today's rules, so a fix to the normalization reaches stored answers too.
  const task = readTaskAnswer(JSON.parse(row.raw_json));
  if (parsedSnapshots.size >= PARSED_CACHE_LIMIT) {
    const oldest = parsedSnapshots.keys().next().value;
    if (oldest !== undefined) parsedSnapshots.delete(oldest);
  }
  parsedSnapshots.set(key, task);
  return task;
}

function errorOf(row: TaskRow): RefreshError | null {
  if (!row.error_code || row.error_at === null) return null;
  const code = Object.hasOwn(UPSTREAM_ERRORS, row.error_code)
    ? (row.error_code as RefreshError["code"])
    : "upstream_error";
  return { code, message: row.error_message ?? UPSTREAM_ERRORS[code].title, at: row.error_at };
}
