import { expectCleanLogs } from "../support/logs";
import { rawRequest } from "../support/raw-http";
import { expect, test, useLiveServer } from "./support/fixtures";

/** More than fifty hostile inputs against the production build: each a 4xx with a clear message, no upstream call. */

const KEY = "sk-hostile-corpus-key-0000";
const live = useLiveServer(KEY);

const HOSTILE_IDS = [
  "..%2F..%2Fdashboard%2Fbilling%2Fusage",
  "..%2f..%2fdashboard%2fbilling%2fusage",
  "%2e%2e%2f%2e%2e%2fdashboard%2fbilling%2fusage",
  "%2E%2E%2F%2E%2E%2Fdashboard",
  "%252e%252e%252fdashboard%252fbilling",
  "..%255c..%255cdashboard",
  "..%5C..%5Cdashboard%5Cbilling",
  "asyntask_abc%5C..%5Cusage",
  "asyntask_abc%2F..%2F..%2Fdashboard%2Fbilling%2Fusage",
  "asyntask_abc%2e%2e",
  "asyntask_abc%00",
  "asyntask_%00abc",
  "asyntask_abc%E2%80%8B",
  "asyntask_%EF%BD%81%EF%BD%82%EF%BD%83",
  "%D0%B0syntask_abc",
  "asyntask_abc%E2%80%AE",
  "asyntask_abc%20def",
  "asyntask_abc%09",
  "asyntask_abc%0D%0AX-Injected%3A%201",
  "asyntask_abc.mp4",
  "asyntask_abc%3Brm%20-rf",
  "asyntask_abc%3Fx%3D1",
  "asyntask_abc%23frag",
  "ASYNTASK_abc",
  "asyntask_",
  "%2F%2Fevil.example%2Fx",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "asyntask_abc'OR'1'%3D'1",
  `asyntask_${"a".repeat(10_000)}`,
  `asyntask_${"b".repeat(200)}`,
];

const BODIES: Array<[string, string, Record<string, string>?]> = [
  ["broken JSON", '{"ids": ['],
  ["null", "null"],
  ["a string", '"asyntask_a"'],
  ["an empty array", "[]"],
  ["ids as a string", '{"ids": "asyntask_a"}'],
  ["ids as numbers", '{"ids": [1, 2]}'],
  ["ids with null", '{"ids": [null]}'],
  ["ids as objects", '{"ids": [{"id": "asyntask_a"}]}'],
  ["no ids", '{"ids": []}'],
  ["too many ids", JSON.stringify({ ids: Array.from({ length: 501 }, (_, i) => `asyntask_x${i}`) })],
  ["a body over the limit", JSON.stringify({ ids: [`asyntask_${"c".repeat(70_000)}`] })],
  ["only traversal ids", '{"ids": ["../../dashboard/billing/usage", "..\\\\..\\\\x"]}'],
  ["an id with a NUL byte", '{"ids": ["asyntask_a\\u0000"]}'],
  ["look-alike letters", '{"ids": ["asyntask_\\uff41\\uff42"]}'],
  ["a label of the wrong type", '{"ids": ["asyntask_a"], "label": 5}'],
  ["a label too long", JSON.stringify({ ids: ["asyntask_a"], label: "l".repeat(61) })],
  ["a label with control characters", '{"ids": ["asyntask_a"], "label": "bell\\u0007"}'],
  ["a prototype trick", '{"__proto__": {"ids": ["asyntask_a"]}}'],
  ["deep nesting", `{"ids": ${"[".repeat(2000)}${"]".repeat(2000)}}`],
  ["plain text", "ids=asyntask_a", { "Content-Type": "text/plain" }],
];

/** Bulk actions: one action on ids or on a filter, nothing else. */
const BULK_BODIES = [
  '{"action": "untrack"}',
  '{"action": "explode", "ids": ["asyntask_a"]}',
  '{"action": "label", "ids": ["asyntask_a"]}',
  '{"action": "untrack", "ids": ["asyntask_a"], "filter": {}}',
  '{"action": "untrack", "filter": {"status": "<script>"}}',
  '{"action": "untrack", "filter": {"q": "a\\u0000b"}}',
  '{"action": "untrack", "filter": {"order": "prompt; drop table tasks"}}',
  JSON.stringify({ action: "refresh", ids: Array.from({ length: 20_001 }, (_, i) => `asyntask_x${i}`) }),
  '{"action": "untrack", "ids": {"0": "asyntask_a"}}',
  '{"action": "untrack", "ids": [',
];

/** Generations: each kind's fields, nothing else, within the size limit. */
const GENERATION_BODIES = [
  '{"kind": "t2v"}',
  '{"kind": "t2v", "prompt": "x", "resolution": "720P", "duration": 5, "ratio": "16:9", "__proto__": {"x": 1}}',
  '{"kind": "i2v", "prompt": "x", "resolution": "720P", "duration": 5, "image": "file:///etc/passwd"}',
  '{"kind": "edit", "prompt": "x", "resolution": "720P", "duration": 5, "video": "javascript:alert(1)"}',
  '{"kind": "r2v", "prompt": "x", "resolution": "720P", "duration": 5, "ratio": "1:1", "images": "https://a.b/c"}',
  '{"kind": "t2v", "prompt": "x", "resolution": "720P", "duration": 1e400, "ratio": "16:9"}',
  JSON.stringify({ kind: "t2v", prompt: "p".repeat(40_000), resolution: "720P", duration: 5, ratio: "16:9" }),
];

const QUERIES = [
  "/api/tasks?since=-1",
  "/api/tasks?since=99999999999999999999",
  "/api/tasks?since=abc",
  "/api/tasks?order=prompt",
  "/api/tasks?order=..%2F..%2F",
  "/api/tasks/ids?status=%3Cscript%3E",
  "/api/tasks/export?order=%00",
  "/api/tasks?status=%3Cscript%3E",
  "/api/tasks?sort=..%2F..%2F",
  `/api/tasks?q=${"q".repeat(201)}`,
  "/api/tasks?action=omniGenerate%00",
  "/api/tasks?category=__proto__",
  `/api/tasks?label=${"l".repeat(61)}`,
  "/api/usage?from=abc&to=1",
  "/api/usage?from=0&to=99999999999999999999",
  "/api/usage?from=0&to=10&tz=NaN",
  "/api/usage/export?kind=..%2F..%2Fetc%2Fpasswd&from=0&to=10",
];

async function expectRefused(method: string, path: string, body?: string, headers?: Record<string, string>) {
  const response = await rawRequest(live().server.url, method, path, body, {
    ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
    ...headers,
  });
  expect(response.status, `${method} ${path.slice(0, 80)}`).toBeGreaterThanOrEqual(400);
  expect(response.status, `${method} ${path.slice(0, 80)}`).toBeLessThan(500);
  if (response.headers["content-type"]?.toString().includes("json")) {
    const parsed = JSON.parse(response.text) as { error?: { message?: string } };
    expect(parsed.error?.message?.length ?? 0).toBeGreaterThan(5);
  }
  return response;
}

test.describe("the hostile corpus", () => {
  test(`refuses ${HOSTILE_IDS.length * 3 + BODIES.length + BULK_BODIES.length + GENERATION_BODIES.length + QUERIES.length + 5} hostile requests with a 4xx and no gateway call`, async () => {
    live().sim.resetStats();
    let count = 0;
    for (const id of HOSTILE_IDS) {
      await expectRefused("GET", `/api/tasks/${id}`);
      await expectRefused("DELETE", `/api/tasks/${id}`);
      await expectRefused("PATCH", `/api/tasks/${id}`, '{"label": "x"}');
      count += 3;
    }
    for (const [, body, headers] of BODIES) {
      await expectRefused("POST", "/api/tasks", body, headers);
      count += 1;
    }
    for (const body of BULK_BODIES) {
      await expectRefused("POST", "/api/tasks/bulk", body);
      count += 1;
    }
    for (const body of GENERATION_BODIES) {
      await expectRefused("POST", "/api/generations", body);
      count += 1;
    }
    await expectRefused("POST", "/api/generations", '{"kind": "t2v"}', { "Idempotency-Key": "../../x" });
    // The relay is off in open mode: scripts need a token.
    await expectRefused("POST", "/v1/video/generations", '{"model": "happyhorse-1.0-t2v", "prompt": "x"}');
    await expectRefused("GET", "/v1/video/generations/asyntask_abc");
    count += 3;
    for (const query of QUERIES) {
      await expectRefused("GET", query);
      count += 1;
    }
    await expectRefused("PATCH", "/api/tasks/asyntask_a", '{"label": {"$ne": 1}}');
    await expectRefused("PATCH", "/api/tasks/asyntask_a", '{"label": ');
    count += 2;
    expect(count).toBeGreaterThanOrEqual(50);
    expect(live().sim.stats().calls).toBe(0);

    // Still standing, and still serving.
    const board = await rawRequest(live().server.url, "GET", "/api/tasks");
    expect(board.status).toBe(200);
    expectCleanLogs(live().server.logs.join(""), [KEY]);
  });
});
