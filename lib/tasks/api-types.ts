import type { UpstreamErrorCode } from "@/lib/happyhorse/upstream-error";
import type { GatewayStatus } from "@/lib/server/upstream-guard";
import type { Disagreement, StuckFlag } from "@/lib/tasks/inspection";
import type { StatusGroup } from "@/lib/tasks/status";
import type { TaskView } from "@/lib/tasks/task-view";

/** The shapes of Paddock's own HTTP API, shared by the route handlers and the browser. */

export interface RefreshError {
  code: UpstreamErrorCode;
  message: string;
  at: number;
}

export interface TrackedTask {
  id: string;
  /** When Paddock started tracking it; null for an untracked task being inspected. */
  addedAt: number | null;
  label: string | null;
  /** Null until the gateway has answered once. */
  view: TaskView | null;
  /** When the snapshot behind `view` was taken. */
  snapshotAt: number | null;
  checkedAt: number | null;
  /** The last refresh failed: `view` is the last snapshot Paddock has. */
  error: RefreshError | null;
}

export interface BoardResponse {
  tasks: TrackedTask[];
  counts: Record<StatusGroup | "all", number>;
  actions: string[];
  labels: string[];
  /** Whether Paddock is currently giving a failing gateway a rest. */
  gateway: GatewayStatus;
  mode: "live" | "demo";
  pollIntervalMs: number;
  serverTime: number;
}

export interface HistoryEvent {
  at: number;
  status: string;
  upstreamStatus: string | null;
  progress: number | null;
}

export interface TaskResponse {
  task: TrackedTask;
  /** False when the id is inspected without being tracked: nothing about it is stored. */
  tracked: boolean;
  /** The gateway's last answer, as received (signatures included: the page redacts them). */
  raw: unknown;
  history: HistoryEvent[];
  inspection: { disagreement: Disagreement | null; stuck: StuckFlag | null };
  gateway: GatewayStatus;
  mode: "live" | "demo";
  pollIntervalMs: number;
  serverTime: number;
}

export type TrackResult =
  { id: string; outcome: "added" | "already_tracked" } | { id: string; outcome: "invalid"; reason: string };

export interface TrackResponse {
  results: TrackResult[];
  added: number;
  alreadyTracked: number;
  invalid: number;
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}
