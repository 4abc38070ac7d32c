import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase, type PaddockDb } from "@/lib/server/db";
import { recordRefresh } from "@/lib/server/tasks/task-service";
import { insertTasks, stopTasksStartedBefore, updateLabel } from "@/lib/server/tasks/task-writes";
import type { Endpoint } from "@/lib/server/webhooks/endpoints";
import { fanOutOnce } from "@/lib/server/webhooks/fan-out";
import { claimDueDeliveries, insertEndpoint, listOutbox, readCursor } from "@/lib/server/webhooks/webhook-store";
import type { WebhookEvent } from "@/lib/webhooks/event";

import { describeEachDialect, DIALECTS } from "../support/dialects";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { DOCUMENTED_FINISH_MS, documentedAnswer, readAnswer } from "../unit/fixtures";

/**
 * The outbox's producer on both engines: each terminal transition becomes exactly one outbox row
 * per endpoint that wants it, whatever the number of passes, consumers or restarts.
 */

const WATCH = { limitMs: 48 * 3_600_000, notFoundGraceMs: 0 };
const ENV_JSON: Endpoint = {
  id: "env-json",
  name: "PADDOCK_WEBHOOK_URL",
  kind: "json",
  url: "http://127.0.0.1:9/hook",
  secret: "whsec_test_secret_0123456789",
  labels: [],
  outcomes: ["succeeded", "failed", "gave_up"],
  enabled: true,
  source: "environment",
  createdAt: null,
};
const fanOut = (db: PaddockDb, limit?: number) =>
  fanOutOnce(db, { envEndpoints: [ENV_JSON], publicUrl: "https://paddock.example.com", now: 1000, limit });

async function addEndpoint(db: PaddockDb, id: string, labels: string[], outcomes: string[], kind = "slack") {
  await insertEndpoint(db, {
    id,
    name: id,
    kind: kind as "slack" | "json",
    url: `https://hooks.example.com/services/${id}`,
    secret: null,
    labels: JSON.stringify(labels),
    outcomes: JSON.stringify(outcomes),
    created_at: 1,
    created_by: null,
  });
}

/** The gateway's answer for `id` (the documented one, with fields replaced), as stored and as read. */
function answer(id: string, fields: Record<string, unknown> = {}, output: Record<string, unknown> = {}) {
  const raw = documentedAnswer();
  raw.data = { ...raw.data, task_id: id, ...fields };
  if (raw.data.data?.output) raw.data.data.output = { ...raw.data.data.output, ...output };
  return { ok: true as const, task: readAnswer(raw), raw };
}

async function finish(db: PaddockDb, id: string, how: "success" | "failure", at: number) {
  await recordRefresh(db, id, answer(id, { status: "QUEUED", progress: "0%", data: undefined }), at, WATCH);
  const end =
    how === "success"
      ? answer(id)
      : answer(
          id,
          { status: "FAILURE", fail_reason: "Output may be unsafe." },
          { task_status: "FAILED", code: "DataInspectionFailed" },
        );
  await recordRefresh(db, id, end, at + 10, WATCH);
}

describeEachDialect("the webhook outbox", (db, dialect) => {
  it("turns each terminal transition into one row per endpoint that wants it, once", async () => {
    await addEndpoint(db(), "whk_failures", [], ["failed"]);
    await addEndpoint(db(), "whk_ada", ["Ada"], ["succeeded", "failed", "gave_up"]);
    await insertTasks(db(), ["task_hookOk1", "task_hookFail1", "task_hookStale1"], 5, null);
    await updateLabel(db(), "task_hookOk1", "Ada", 6);
    await finish(db(), "task_hookOk1", "success", 100);
    await finish(db(), "task_hookFail1", "failure", 100);
    // The same end seen again with another detail (progress, video) is not a second transition.
    await recordRefresh(db(), "task_hookOk1", answer("task_hookOk1", { progress: "99%" }), 200, WATCH);
    await recordRefresh(db(), "task_hookOk1", answer("task_hookOk1"), 210, WATCH);
    // Tracked after it had ended: not news.
    await insertTasks(db(), ["task_hookOld1"], DOCUMENTED_FINISH_MS + 60_000, null);
    await recordRefresh(db(), "task_hookOld1", answer("task_hookOld1"), DOCUMENTED_FINISH_MS + 61_000, WATCH);
    expect(await stopTasksStartedBefore(db(), 50, 300)).toBe(1);

    const first = await fanOut(db());
    expect(first.events).toBe(3);
    const rows = await listOutbox(db());
    const pairs = rows.map((row) => `${row.task_id}→${row.endpoint_id}:${row.outcome}`).sort();
    expect(pairs).toEqual([
      "task_hookFail1→env-json:failed",
      "task_hookFail1→whk_failures:failed",
      "task_hookOk1→env-json:succeeded",
      "task_hookOk1→whk_ada:succeeded",
      "task_hookStale1→env-json:gave_up",
    ]);
    expect(first.rows).toBe(rows.length);
    expect(first.cursor).toBe(await readCursor(db()));

    // Nothing new: a second pass, or a "restarted" consumer from the same store, adds nothing.
    expect(await fanOut(db())).toMatchObject({ events: 0, rows: 0 });
    expect(await listOutbox(db())).toHaveLength(rows.length);
  });

  it("says what happened in the event: id from the log, label, kind, duration, reason, inspector link", async () => {
    const rows = await listOutbox(db());
    const events = rows
      .filter((row) => row.endpoint_id === "env-json")
      .map((row) => JSON.parse(row.event) as WebhookEvent);
    const ok = events.find((event) => event.task.id === "task_hookOk1");
    expect(ok).toMatchObject({
      type: "task.succeeded",
      test: false,
      task: { label: "Ada", kind: "generate", outcome: "succeeded", status: "SUCCESS", failure: null },
    });
    expect(ok?.id).toMatch(/^evt_\d+$/);
    expect(ok?.task.durationMs).toBeGreaterThan(0);
    expect(ok?.task.url).toBe("https://paddock.example.com/tasks/task_hookOk1");
    const failed = events.find((event) => event.task.id === "task_hookFail1");
    expect(failed?.task.failure).toMatchObject({ code: "DataInspectionFailed", category: "moderation" });
    const stale = events.find((event) => event.task.id === "task_hookStale1");
    expect(stale?.task).toMatchObject({ outcome: "gave_up", stopReason: "gave_up", durationMs: null });
    // One id per transition, the same for every endpoint.
    const ids = rows.filter((row) => row.task_id === "task_hookOk1").map((row) => row.event_id);
    expect(new Set(ids).size).toBe(1);
  });

  it("fans out exactly once with two consumers at the same time, in small pages", async () => {
    const before = (await listOutbox(db())).length;
    const ids = Array.from({ length: 12 }, (_, index) => `task_hookPair${index}`);
    await insertTasks(db(), ids, 400, null);
    for (const [index, id] of ids.entries()) await finish(db(), id, index % 3 === 0 ? "failure" : "success", 500);
    let events = 0;
    for (let pass = 0; pass < 20; pass += 1) {
      // Two instances' passes at once: the cursor's row lock lets one page through at a time.
      const results = await Promise.all([fanOut(db(), 5), fanOut(db(), 5)]);
      events += results.reduce((sum, result) => sum + result.events, 0);
      if (results.every((result) => result.events === 0)) break;
    }
    expect(events).toBe(12);
    const rows = await listOutbox(db());
    // env-json takes all 12; the failures endpoint the 4 failures.
    expect(rows.length - before).toBe(12 + 4);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
  });

  it("lets concurrent senders claim disjoint deliveries", async () => {
    const claim = (owner: string) => claimDueDeliveries(db(), { owner, now: 2000, limit: 100, leaseUntil: 60_000 });
    const [a, b] = await Promise.all([claim("one"), claim("two")]);
    const all = [...a, ...b].map((row) => row.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe((await listOutbox(db())).length);
    if (dialect === "postgres") expect(a.length + b.length).toBeGreaterThan(0);
    // Leased: nobody else gets them until the lease ends.
    expect(await claim("three")).toEqual([]);
  });
});

/**
 * Two instances with connections of their own to one store (a SQLite file, a PostgreSQL database)
 * fan out at the same time, then a third opens the store after both are gone: a restart.
 */
for (const dialect of DIALECTS) {
  describe(`the webhook outbox across instances and a restart (${dialect})`, () => {
    let dir: string | null = null;
    let database: TestDatabase | null = null;
    let target = "";
    beforeAll(async () => {
      if (dialect === "postgres") {
        database = await createTestDatabase();
        target = database.url;
      } else {
        dir = mkdtempSync(path.join(tmpdir(), "paddock-outbox-"));
        target = path.join(dir, "paddock.db");
      }
    });
    afterAll(async () => {
      await database?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("fans each transition out once, whoever runs and whenever", async () => {
      const one = await openDatabase(target, { migrate: true });
      const two = await openDatabase(target, { migrate: true });
      const ids = Array.from({ length: 9 }, (_, index) => `task_hookInstance${index}`);
      await insertTasks(one, ids, 5, null);
      for (const id of ids) await finish(one, id, "success", 100);
      let events = 0;
      for (let pass = 0; pass < 20; pass += 1) {
        // SQLite's driver waits for a lock synchronously: two handles in one process take turns.
        const results =
          dialect === "postgres"
            ? await Promise.all([fanOut(one, 2), fanOut(two, 2), fanOut(one, 2), fanOut(two, 2)])
            : [await fanOut(one, 2), await fanOut(two, 2)];
        events += results.reduce((sum, result) => sum + result.events, 0);
        if (results.every((result) => result.events === 0)) break;
      }
      expect(events).toBe(9);
      await one.destroy();
      await two.destroy();

      const restarted = await openDatabase(target, { migrate: true });
      try {
        expect(await fanOut(restarted)).toMatchObject({ events: 0, rows: 0 });
        await insertTasks(restarted, ["task_hookAfterRestart"], 5, null);
        await finish(restarted, "task_hookAfterRestart", "failure", 200);
        expect(await fanOut(restarted)).toMatchObject({ events: 1, rows: 1 });
        const rows = await listOutbox(restarted);
        expect(rows).toHaveLength(10);
        expect(new Set(rows.map((row) => row.event_id)).size).toBe(10);

        // A sender that died with a lease: its deliveries come back when the lease ends.
        const claimed = await claimDueDeliveries(restarted, { owner: "dead", now: 1000, limit: 3, leaseUntil: 5000 });
        expect(claimed).toHaveLength(3);
        const during = await claimDueDeliveries(restarted, { owner: "alive", now: 4000, limit: 100, leaseUntil: 9000 });
        expect(during.map((row) => row.id)).not.toContain(claimed[0]?.id);
        const after = await claimDueDeliveries(restarted, {
          owner: "alive",
          now: 9001,
          limit: 100,
          leaseUntil: 20_000,
        });
        expect(after.map((row) => row.id)).toEqual(expect.arrayContaining(claimed.map((row) => row.id)));
      } finally {
        await restarted.destroy();
      }
    });
  });
}
