import { afterEach, describe, expect, it } from "vitest";

import { GET } from "@/app/api/bench/bare/route";

/** The benchmark's baseline route exists only on a server started for the benchmark. */

const saved = process.env.PADDOCK_BENCH_BARE;

afterEach(() => {
  if (saved === undefined) delete process.env.PADDOCK_BENCH_BARE;
  else process.env.PADDOCK_BENCH_BARE = saved;
});

describe("the bench baseline route", () => {
  it("answers 404 unless PADDOCK_BENCH_BARE=1, read at request time", async () => {
    delete process.env.PADDOCK_BENCH_BARE;
    const off = GET();
    expect(off.status).toBe(404);
    expect(((await off.json()) as { error: { code: string } }).error.code).toBe("not_found");

    process.env.PADDOCK_BENCH_BARE = "true";
    expect(GET().status).toBe(404);

    process.env.PADDOCK_BENCH_BARE = "1";
    const on = GET();
    expect(on.status).toBe(200);
    expect(await on.json()).toMatchObject({ ok: true, items: expect.any(Array) });
  });
});
