import { z } from "zod/mini";

import { UPSTREAM_ERROR_CODES } from "@/lib/happyhorse/upstream-error";
import { lazySchema } from "@/lib/lazy-schema";
import { etaEstimateSchema } from "@/lib/tasks/eta";
import { disagreementSchema, stuckFlagSchema } from "@/lib/tasks/inspection";
import { taskViewSchema } from "@/lib/tasks/task-view-schema";
import { STOP_REASONS } from "@/lib/tasks/watch";

/**
 * The answers of Paddock's task API. The route handlers build them; the browser checks what it
 * reads against the same schemas (zod/mini keeps that cheap).
 */

const instant = lazySchema(() => z.nullable(z.number()));

export const refreshErrorSchema = lazySchema(() =>
  z.object({ code: z.enum(UPSTREAM_ERROR_CODES), message: z.string(), at: z.number() }),
);
export type RefreshError = z.infer<typeof refreshErrorSchema>;

/** A task's copy in Paddock's archive: being saved (or retried), saved, given up, or removed. */
export const ARCHIVE_STATES = ["saving", "saved", "failed", "deleted"] as const;
export const archiveStateSchema = lazySchema(() =>
  z.object({
    state: z.enum(ARCHIVE_STATES),
    /** The saved copy's size. */
    bytes: z.nullable(z.number()),
    /** Why the last attempt failed (also while it retries), or why the copy was removed. */
    detail: z.nullable(z.string()),
    at: z.nullable(z.number()),
  }),
);
export type ArchiveCopy = z.infer<typeof archiveStateSchema>;

export const trackedTaskSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    /** When Paddock started tracking it; null for an untracked task being inspected. */
    addedAt: instant,
    /** Where the board sorts it: submitted at the gateway, or added while the gateway has not said. */
    boardAt: instant,
    label: z.nullable(z.string()),
    /** Null until the gateway has answered once. */
    view: z.nullable(taskViewSchema),
    /** When the snapshot behind `view` was taken. */
    snapshotAt: instant,
    checkedAt: instant,
    /** The last refresh failed: `view` is the last snapshot Paddock has. */
    error: z.nullable(refreshErrorSchema),
    /** Paddock stopped watching this task, and why; null while it watches (or the task finished). */
    stopped: z.nullable(z.object({ reason: z.enum(STOP_REASONS), at: z.number() })),
    /** What support staff look for: the two levels disagree, or nothing moved for too long. */
    inspection: z.object({ disagreement: z.nullable(disagreementSchema), stuck: z.nullable(stuckFlagSchema) }),
    /** For an active task: how long similar finished tasks took (see lib/tasks/eta.ts); null once it ends. */
    eta: z.nullable(etaEstimateSchema),
    /** The video's copy in Paddock (null: none yet, or the archive is off). */
    archive: z.nullable(archiveStateSchema),
    /** Started from Paddock (the form or the relay): it knows everything the task was started with. */
    startedHere: z.boolean(),
  }),
);
export type TrackedTask = z.infer<typeof trackedTaskSchema>;

export const GATEWAY_STATES = ["ok", "degraded", "open", "key_rejected"] as const;
export const gatewayStatusSchema = lazySchema(() =>
  z.object({
    state: z.enum(GATEWAY_STATES),
    failures: z.number(),
    /** When Paddock will next call the gateway; null when it calls freely. */
    retryAt: instant,
    lastError: z.nullable(
      z.object({ code: z.enum(UPSTREAM_ERROR_CODES), message: z.string(), retryAfterMs: z.optional(z.number()) }),
    ),
  }),
);
export type GatewayStatus = z.infer<typeof gatewayStatusSchema>;
export type GatewayState = (typeof GATEWAY_STATES)[number];

const modeSchema = lazySchema(() => z.enum(["live", "demo"]));

/** What the board's and a task's answers say besides the tasks: Paddock's state as they were read. */
function statusShape() {
  return {
    /** Whether Paddock is currently giving a failing gateway a rest. */
    gateway: gatewayStatusSchema,
    watcher: watcherStatusSchema,
    storage: storageStatusSchema,
    mode: modeSchema,
    pollIntervalMs: z.number(),
    serverTime: z.number(),
  };
}

export const STORAGE_STATES = ["ok", "deleted", "replaced", "read_only", "failed"] as const;

/** Whether the store keeps what Paddock writes; anything but ok refuses writes and shows a red banner. */
export const storageStatusSchema = lazySchema(() =>
  z.object({
    state: z.enum(STORAGE_STATES),
    message: z.nullable(z.string()),
    since: instant,
  }),
);
export type StorageStatus = z.infer<typeof storageStatusSchema>;

/** The watching as it is: some watcher alive (here or in another process), its last pass, what is due. */
export const watcherStatusSchema = lazySchema(() =>
  z.object({
    running: z.boolean(),
    instances: z.number(),
    lastPassAt: instant,
    activeTasks: z.number(),
    dueTasks: z.number(),
    backingOff: z.boolean(),
    /** The interval in force: the configured one, or longer when the call budget cannot keep up. */
    intervalMs: z.number(),
    configuredIntervalMs: z.number(),
  }),
);
export type WatcherStatus = z.infer<typeof watcherStatusSchema>;

export const boardResponseSchema = lazySchema(() =>
  z.object({
    /** One page of the filtered, sorted board. */
    tasks: z.array(trackedTaskSchema),
    /** Pass as `cursor` for the next page; null on the last one. */
    nextCursor: z.nullable(z.string()),
    /** How many tasks the filters let through, on every page. */
    total: z.number(),
    /** Per status group, among the tasks the other filters (kind, label, search, time) let through. */
    counts: z.object({
      all: z.number(),
      active: z.number(),
      succeeded: z.number(),
      failed: z.number(),
      not_found: z.number(),
      gave_up: z.number(),
    }),
    actions: z.array(z.string()),
    labels: z.array(z.string()),
    ...statusShape(),
    /** The change log's position when this answer was read: pass it as `since` to get what changed. */
    version: z.number(),
  }),
);
export type BoardResponse = z.infer<typeof boardResponseSchema>;

/**
 * What changed on a board since a version: the tasks of the filtered view that changed (new ones
 * included, whole), the ids that left it (untracked, or no longer matching the filters), and the
 * view's counts and state as they are now. `reset` says too much changed to send: read the board
 * again from its first page.
 */
export const boardChangesSchema = lazySchema(() =>
  z.extend(z.omit(boardResponseSchema, { nextCursor: true }), {
    since: z.number(),
    removed: z.array(z.string()),
    reset: z.boolean(),
  }),
);
export type BoardChanges = z.infer<typeof boardChangesSchema>;

export const historyEventSchema = lazySchema(() =>
  z.object({
    at: z.number(),
    status: z.string(),
    upstreamStatus: z.nullable(z.string()),
    progress: z.nullable(z.number()),
  }),
);
export type HistoryEvent = z.infer<typeof historyEventSchema>;

export const taskResponseSchema = lazySchema(() =>
  z.object({
    task: trackedTaskSchema,
    /** False when the id is inspected without being tracked: nothing about it is stored. */
    tracked: z.boolean(),
    /** The gateway's last answer, as received (signatures included: the page redacts them). */
    raw: z.unknown(),
    history: z.array(historyEventSchema),
    ...statusShape(),
  }),
);
export type TaskResponse = z.infer<typeof taskResponseSchema>;

export const trackResultSchema = lazySchema(() =>
  z.union([
    z.object({ id: z.string(), outcome: z.enum(["added", "already_tracked"]) }),
    z.object({ id: z.string(), outcome: z.literal("invalid"), reason: z.string() }),
  ]),
);
export type TrackResult = z.infer<typeof trackResultSchema>;

export const trackResponseSchema = lazySchema(() =>
  z.object({
    results: z.array(trackResultSchema),
    added: z.number(),
    alreadyTracked: z.number(),
    invalid: z.number(),
  }),
);
export type TrackResponse = z.infer<typeof trackResponseSchema>;

export const labelResponseSchema = lazySchema(() => z.object({ id: z.string(), label: z.nullable(z.string()) }));

/** What can be done to a selection of tasks at once. */
export const BULK_ACTIONS = ["untrack", "label", "refresh"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const bulkResponseSchema = lazySchema(() =>
  z.object({
    action: z.enum(BULK_ACTIONS),
    /** Tasks the selection named (tracked or not). */
    matched: z.number(),
    /** Tasks acted on: untracked, labelled, or asked again (only unfinished tasks are). */
    done: z.number(),
  }),
);
export type BulkResponse = z.infer<typeof bulkResponseSchema>;

/** Every id matching the board's filters, in the board's order. */
export const taskIdsResponseSchema = lazySchema(() => z.object({ ids: z.array(z.string()), total: z.number() }));
