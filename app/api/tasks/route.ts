import { z } from "zod";

import { checkTaskId } from "@/lib/happyhorse/task-id";
import { handleApi } from "@/lib/server/api-handler";
import { boardQuerySchema, MAX_TRACK_BODY_BYTES, trackBodySchema } from "@/lib/server/api-schemas";
import { json, jsonError, readJsonBody } from "@/lib/server/http";
import { trackTasks } from "@/lib/server/registry";
import { loadBoard } from "@/lib/server/tasks-service";
import type { TrackResponse, TrackResult } from "@/lib/tasks/api-types";

export const dynamic = "force-dynamic";

/** The board: every tracked task with its latest view, refreshed within one poll interval. */
export function GET(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    const parsed = boardQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      return jsonError(400, "invalid_query", "The board filters are not valid.", z.flattenError(parsed.error));
    }
    return json(await loadBoard(runtime, parsed.data));
  });
}

/** Tracks ids; answers per id. Invalid ids are reported and never reach the gateway. */
export function POST(request: Request) {
  return handleApi(request, async ({ runtime }) => {
    const body = await readJsonBody(request, MAX_TRACK_BODY_BYTES);
    if (!body.ok) return body.response;
    const parsed = trackBodySchema.safeParse(body.value);
    if (!parsed.success) {
      return jsonError(400, "invalid_body", 'Send { "ids": ["asyntask_…", …] }.', z.flattenError(parsed.error));
    }
    const { ids, label = null } = parsed.data;
    const unique = [...new Set(ids.map((id) => id.trim()))];
    const checks = unique.map((id) => ({ id, check: checkTaskId(id) }));
    const valid = checks.flatMap(({ check }) => (check.ok ? [check.id] : []));
    if (valid.length === 0) {
      const reasons = checks.map(({ id, check }) => ({ id: id.slice(0, 140), reason: check.ok ? "" : check.reason }));
      return jsonError(400, "invalid_ids", `No valid task id: ${reasons[0]?.reason ?? ""}`, { results: reasons });
    }
    const outcomes = await trackTasks(runtime.db, valid, Date.now(), label);
    const results: TrackResult[] = checks.map(({ id, check }) =>
      check.ok
        ? { id, outcome: outcomes.get(id) ?? "already_tracked" }
        : { id: id.length > 140 ? `${id.slice(0, 140)}…` : id, outcome: "invalid", reason: check.reason },
    );
    // Newly tracked tasks are fetched at once so their cards fill in without waiting a cycle.
    for (const id of valid) if (outcomes.get(id) === "added") void runtime.refresher.refreshNow(id);

    const count = (outcome: TrackResult["outcome"]) => results.filter((r) => r.outcome === outcome).length;
    const answer: TrackResponse = {
      results,
      added: count("added"),
      alreadyTracked: count("already_tracked"),
      invalid: count("invalid"),
    };
    return json(answer, answer.added > 0 ? 201 : 200);
  });
}
