import { z } from "zod/mini";

import { lazySchema } from "@/lib/lazy-schema";

/** What each status means, for both levels. Pure: shared by the server, the client and the tests. */

export const STATUS_TONES = ["waiting", "queued", "running", "success", "failure", "unknown"] as const;
export const STATUS_GROUPS = ["active", "succeeded", "failed"] as const;
export type StatusTone = (typeof STATUS_TONES)[number];
export type StatusGroup = (typeof STATUS_GROUPS)[number];

interface StatusInfo {
  label: string;
  tone: StatusTone;
  terminal: boolean;
}

export const PLATFORM_STATUSES = {
  NOT_START: { label: "Not started", tone: "waiting", terminal: false },
  SUBMITTED: { label: "Submitted", tone: "waiting", terminal: false },
  QUEUED: { label: "Queued", tone: "queued", terminal: false },
  IN_PROGRESS: { label: "Generating", tone: "running", terminal: false },
  SUCCESS: { label: "Succeeded", tone: "success", terminal: true },
  FAILURE: { label: "Failed", tone: "failure", terminal: true },
  UNKNOWN: { label: "Unknown", tone: "unknown", terminal: false },
} as const satisfies Record<string, StatusInfo>;

export const UPSTREAM_STATUSES = {
  PENDING: { label: "Pending", tone: "queued", terminal: false },
  RUNNING: { label: "Running", tone: "running", terminal: false },
  SUSPENDED: { label: "Suspended", tone: "waiting", terminal: false },
  SUCCEEDED: { label: "Succeeded", tone: "success", terminal: true },
  FAILED: { label: "Failed", tone: "failure", terminal: true },
  CANCELED: { label: "Canceled", tone: "failure", terminal: true },
  UNKNOWN: { label: "Unknown or expired", tone: "unknown", terminal: true },
} as const satisfies Record<string, StatusInfo>;

export const ACTIONS = {
  generate: "Text / image to video",
  firstTailGenerate: "First & last frame",
  referenceGenerate: "Reference to video",
  omniGenerate: "Video edit",
  textGenerate: "Text to video",
  remixGenerate: "Remix",
} as const satisfies Record<string, string>;

export type PlatformStatus = keyof typeof PLATFORM_STATUSES;
export type KnownAction = keyof typeof ACTIONS;

export const statusViewSchema = lazySchema(() =>
  z.object({
    value: z.string(),
    label: z.string(),
    tone: z.enum(STATUS_TONES),
    terminal: z.boolean(),
    known: z.boolean(),
  }),
);
export type StatusView = z.infer<typeof statusViewSchema>;

function lookup<T extends Record<string, StatusInfo>>(table: T, value: string): StatusView {
  const info: StatusInfo | undefined = Object.hasOwn(table, value) ? table[value] : undefined;
  // An unexpected value is shown as such and treated as not terminal: polling goes on.
  if (!info) return { value, known: false, label: humanize(value), tone: "unknown", terminal: false };
  return { value, known: true, ...info };
}

export function platformStatus(value: string): StatusView {
  return lookup(PLATFORM_STATUSES, value);
}

export function upstreamStatus(value: string): StatusView {
  return lookup(UPSTREAM_STATUSES, value);
}

export function statusGroup(status: StatusView): StatusGroup {
  if (status.value === "SUCCESS") return "succeeded";
  if (status.value === "FAILURE") return "failed";
  return "active";
}

/** The kind of generation a model name implies, for answers that name the model but not the action. */
export function actionFromModel(model: string | null): string | null {
  if (!model) return null;
  if (/video[-_]?edit/i.test(model)) return "omniGenerate";
  if (/r2v/i.test(model)) return "referenceGenerate";
  if (/[ti]2v/i.test(model)) return "generate";
  return null;
}

export function actionLabel(value: string | null | undefined): { value: string; label: string; known: boolean } {
  if (!value) return { value: "", label: "Unknown kind", known: false };
  const known = Object.hasOwn(ACTIONS, value);
  return { value, label: known ? ACTIONS[value as KnownAction] : humanize(value), known };
}

/** "IN_PROGRESS" → "In progress", "remixGenerate" → "Remix generate". */
function humanize(value: string): string {
  const words = value
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.length === 0 ? "Unknown" : words[0]?.toUpperCase() + words.slice(1);
}
