import { expect, it } from "vitest";

import { etaGroups } from "@/lib/server/tasks/eta-model";
import { insertTasks } from "@/lib/server/tasks/task-writes";
import { DOCUMENTED_ESTIMATE, pickEstimate } from "@/lib/tasks/eta";

import { describeEachDialect } from "../support/dialects";

/** The ETA's groups in SQL: nearest-rank percentiles per kind, tier and duration, on both engines. */

const BASE = Date.UTC(2026, 10, 20);

describeEachDialect("the ETA's groups", (db) => {
  it("gives each group its median and 90th percentile, and the coarser groups theirs", async () => {
    // 20 finished generate tasks at 720P and 5 s: queue 1..20 s, generation 10..200 s; 5 at 1080P.
    const ids = Array.from({ length: 25 }, (_, index) => `asyntask_Eta${String(index).padStart(3, "0")}`);
    await insertTasks(db(), ids, BASE, null);
    for (const [index, id] of ids.entries()) {
      const wide = index >= 20;
      await db()
        .updateTable("tasks")
        .set({
          status_group: "succeeded",
          terminal: 1,
          action: "generate",
          resolution_tier: wide ? 1080 : 720,
          billed_seconds: 5,
          queue_wait_ms: (index + 1) * 1000,
          generation_ms: (index + 1) * 10_000,
          submitted_at: BASE + index,
        })
        .where("id", "=", id)
        .execute();
    }
    // An unfinished task and a failed one do not count.
    await insertTasks(db(), ["asyntask_EtaActive", "asyntask_EtaFailed"], BASE, null);
    await db()
      .updateTable("tasks")
      .set({ status_group: "failed", terminal: 1, action: "generate", queue_wait_ms: 1, generation_ms: 1 })
      .where("id", "=", "asyntask_EtaFailed")
      .execute();

    const groups = await etaGroups(db(), Date.now());
    expect(groups.get("generate|720|5")).toEqual({
      key: "generate|720|5",
      samples: 20,
      queueP50Ms: 10_000,
      queueP90Ms: 18_000,
      generationP50Ms: 100_000,
      generationP90Ms: 180_000,
      totalP90Ms: 198_000,
    });
    expect(groups.get("generate|1080|5")?.samples).toBe(5);
    expect(groups.get("generate|*|*")).toMatchObject({ samples: 25, queueP50Ms: 13_000, queueP90Ms: 23_000 });
    expect(groups.get("*|*|*")?.samples).toBe(25);

    // The finest group with ten finished tasks; coarser when fewer are alike; documented without history.
    expect(pickEstimate(groups, { action: "generate", tier: 720, seconds: 5 }).basis).toBe("kind, tier and duration");
    expect(pickEstimate(groups, { action: "generate", tier: 1080, seconds: 5 }).basis).toBe("kind");
    expect(pickEstimate(groups, { action: "generate", tier: null, seconds: null })).toMatchObject({
      basis: "kind",
      samples: 25,
    });
    expect(pickEstimate(groups, { action: "omniGenerate", tier: null, seconds: null }).basis).toBe("every kind");
    expect(pickEstimate(new Map(), { action: "generate", tier: 720, seconds: 5 })).toEqual(DOCUMENTED_ESTIMATE);
  });
});
