import { NextResponse } from "next/server";

import { jsonError } from "@/lib/server/http/respond";

export const dynamic = "force-dynamic";

/**
 * The benchmark's baseline: what this very build answers with Next alone (no access check, no rate
 * limit, no store), so the API's throughput can be read as a ratio to it. It gives away nothing (a
 * constant body) and exists only while the server runs with PADDOCK_BENCH_BARE=1, read per request:
 * any other server answers 404 as for an unknown path.
 */

const BODY = {
  ok: true,
  items: Array.from({ length: 5 }, (_, index) => ({ id: index + 1, name: `item ${index + 1}` })),
};

export function GET() {
  if (process.env.PADDOCK_BENCH_BARE !== "1") {
    return jsonError("not_found", "There is nothing at this address.");
  }
  return NextResponse.json(BODY, { headers: { "Cache-Control": "no-store" } });
}
