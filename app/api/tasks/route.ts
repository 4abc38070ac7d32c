import { z } from "zod";

import { checkTaskId } from "@/lib/happyhorse/task-id";
import { boardQuerySchema, MAX_TRACK_BODY_BYTES, trackBodySchema } from "@/lib/server/api-schemas";
import { json, jsonError, readJsonBody } from "@/lib/server/http";
import { trackTasks } from "@/lib/server/registry";
import { loadBoard } from "@/lib/server/tasks-service";
import { withRuntime } from "@/lib/server/with-runtime";
import type { TrackResponse, TrackResult } from "@/lib/tasks/api-types";

export const dynamic = "force-dynamic";

/** The board: every tracked task with its latest view, refreshed within one poll interval. */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const parsed = boardQuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    return jsonError(400, "invalid_query", "The board filters are not valid.", z.flattenError(parsed.error));
  }
  const query = parsed.data;
  return withRuntime(async (runtime) => json(await loadBoard(runtime, query)));
}

/** Tracks ids; answers per id. Invalid ids are reported and never reach the gateway. */
export async function POST(request: Request) {
  const body = await readJsonBody(request, MAX_TRACK_BODY_BYTES);
  if (!body.ok) return body.response;
  const parsed = trackBodySchema.safeParse(body.value);
  if (!parsed.success) {
    return jsonError(400, "invalid_body", 'Send { "ids": ["asyntask_…", …] }.', z.flattenError(parsed.error));
  }
  const { ids, label = null } = parsed.data;
  return withRuntime(async (runtime) => {
    const unique = [...new Set(ids.map((id) => id.trim()))];
    const checks = unique.map((id) => ({ id, check: checkTaskId(id) }));
    const valid = checks.flatMap(({ check }) => (check.ok ? [check.id] : []));
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
