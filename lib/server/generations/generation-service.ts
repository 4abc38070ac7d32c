import "server-only";

import { createHash } from "node:crypto";

import type { ApiErrorCode } from "@/lib/api/errors";
import type { GenerationAnswer } from "@/lib/api/generation-schemas";
import { createBody } from "@/lib/generations/create-body";
import type { GenerationRequest } from "@/lib/generations/request";
import { UPSTREAM_ERRORS } from "@/lib/happyhorse/upstream-error";
import { logEvent } from "@/lib/server/log";
import type { Runtime } from "@/lib/server/runtime";
import type { Principal } from "@/lib/server/security/principal";
import { quotaExceeded, trackTasks } from "@/lib/server/tasks/task-service";
import { classifyFailure, FAILURE_CATEGORIES } from "@/lib/tasks/failure-category";

/**
 * Starting a generation: the quota first, the idempotency key (a retry or a double submit within
 * ten minutes gets the first answer, never a second generation), the gateway's create call, and
 * the new task tracked at once, on behalf of whoever asked. A refusal tracks nothing.
 */

export const IDEMPOTENCY_KEEP_MS = 10 * 60_000;
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;

/** What the route answers: a status and a body (Paddock's answer, or an error with its code). */
export interface StartAnswer {
  status: number;
  body: GenerationAnswer | { error: { code: ApiErrorCode; message: string; details?: unknown } };
  /** The first answer to this idempotency key, given again. */
  replayed: boolean;
}

export async function startGeneration(
  runtime: Runtime,
  request: GenerationRequest,
  principal: Principal | null,
  idempotencyKey: string | null,
): Promise<StartAnswer> {
  const { db } = runtime;
  const sent = createBody(request);
  const fingerprint = createHash("sha256").update(JSON.stringify(sent)).digest("hex");
  const key = idempotencyKey ? `${principal?.key ?? "anonymous"}|${idempotencyKey}` : null;
  const now = Date.now();

  if (key) {
    await db
      .deleteFrom("generation_requests")
      .where("created_at", "<", now - IDEMPOTENCY_KEEP_MS)
      .execute();
    const claimed = await db
      .insertInto("generation_requests")
      .values({ key, created_at: now, fingerprint, status: null, answer: null })
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return replay(runtime, key, fingerprint);
  }

  let answer: StartAnswer;
  try {
    answer = await create(runtime, request, sent, principal);
  } catch (error) {
    // Nothing known was created (create() answers once the gateway has): the key may be used again.
    if (key) await forget(runtime, key);
    throw error;
  }
  if (key) {
    if (mayHaveCreated(answer)) {
      await db
        .updateTable("generation_requests")
        .set({ status: answer.status, answer: JSON.stringify(answer.body) })
        .where("key", "=", key)
        .execute();
    } else {
      // A refusal started nothing: trying again (after a fix, or once the quota allows) is a new request.
      await forget(runtime, key);
    }
  }
  return answer;
}

/** A generation was started, or may have been (the gateway did not answer in time): keep its answer. */
function mayHaveCreated(answer: StartAnswer): boolean {
  if (answer.status === 201) return true;
  const { code } = (answer.body as { error: { code: ApiErrorCode } }).error;
  return code === "gateway_timeout" || code === "gateway_unavailable";
}

async function forget(runtime: Runtime, key: string) {
  await runtime.db.deleteFrom("generation_requests").where("key", "=", key).execute();
}

async function replay(runtime: Runtime, key: string, fingerprint: string): Promise<StartAnswer> {
  const row = await runtime.db.selectFrom("generation_requests").selectAll().where("key", "=", key).executeTakeFirst();
  if (row && row.fingerprint !== fingerprint) {
    return refusal(409, "idempotency_conflict", "This idempotency key was used for another request: make a new one.");
  }
  if (!row || row.status === null || row.answer === null) {
    return refusal(
      409,
      "idempotency_conflict",
      "The same generation is being submitted right now; its answer comes with the first request.",
    );
  }
  return { status: row.status, body: JSON.parse(row.answer) as StartAnswer["body"], replayed: true };
}

async function create(
  runtime: Runtime,
  request: GenerationRequest,
  sent: Record<string, unknown>,
  principal: Principal | null,
): Promise<StartAnswer> {
  const exceeded = principal ? await quotaExceeded(runtime, principal, 1) : null;
  if (exceeded) {
    return refusal(
      429,
      "quota_exceeded",
      `You have ${exceeded.active.toLocaleString("en")} unfinished tasks; the most one person may have at once is ` +
        `${exceeded.quota.toLocaleString("en")} (PADDOCK_ACTIVE_TASK_QUOTA). Wait until some finish.`,
      exceeded,
    );
  }
  const result = await runtime.createTask(sent);
  if (!result.ok) {
    const { error, upstreamCode } = result;
    const category = classifyFailure({ code: upstreamCode, message: error.message, upstreamStatus: null });
    logEvent("warn", "generation_refused", { kind: request.kind, code: error.code, upstreamCode, category });
    const details = {
      upstream: error.code,
      upstreamCode,
      category,
      categoryLabel: FAILURE_CATEGORIES[category].label,
      advice: FAILURE_CATEGORIES[category].advice,
    };
    if (error.code === "upstream_error" || error.code === "malformed") {
      return refusal(422, "generation_refused", error.message, details);
    }
    const status = error.code === "unauthorized" ? 502 : error.code === "timeout" ? 504 : 503;
    const code: ApiErrorCode =
      error.code === "unauthorized"
        ? "gateway_unauthorized"
        : error.code === "timeout"
          ? "gateway_timeout"
          : error.code === "rate_limited"
            ? "gateway_rate_limited"
            : "gateway_unavailable";
    return refusal(status, code, `${UPSTREAM_ERRORS[error.code].title}: ${error.message}`, details);
  }
  // Logged first: whatever happens next, the new task's id is on record.
  logEvent("info", "generation_started", { kind: request.kind, taskId: result.taskId });
  // Tracked at once, on behalf of whoever asked (their name is the label): nobody pastes an id.
  // The quota was checked before the gateway was asked: a generation that now exists is tracked
  // even if other tasks filled the quota meanwhile (nobody would watch it otherwise). What was sent
  // is kept with it, in the same step: "Duplicate with changes" fills every field from it.
  const tracked = await trackTasks(runtime, [result.taskId], null, principal, {
    quotaChecked: true,
    requests: new Map([[result.taskId, JSON.stringify(request)]]),
  }).catch((error: unknown) => {
    logEvent("error", "generation_not_tracked", { taskId: result.taskId, error: String(error) });
    return { ok: false as const };
  });
  const label = principal?.name ?? null;
  return {
    status: 201,
    body: { taskId: result.taskId, kind: request.kind, label, tracked: tracked.ok, sent, raw: result.raw },
    replayed: false,
  };
}

function refusal(status: number, code: ApiErrorCode, message: string, details?: unknown): StartAnswer {
  return {
    status,
    body: { error: details === undefined ? { code, message } : { code, message, details } },
    replayed: false,
  };
}
