import { type PaddockServer, startPaddock } from "../support/paddock-server";
import { rawRequest } from "../support/raw-http";
import { attachOnFailure, expect, test } from "./support/fixtures";

/**
 * The attacks of a client that forges X-Forwarded-For, against Paddock's real entry (server.ts)
 * over real sockets: its limits still apply, a signed-in person keeps their budget, and the right
 * password is accepted during a flood of wrong ones.
 */

const PASSWORD = "correct horse battery staple";
const forged = () =>
  `${1 + Math.floor(Math.random() * 220)}.${Math.floor(Math.random() * 250)}.0.${Math.floor(Math.random() * 250)}`;

function signIn(server: PaddockServer, password: string, headers: Record<string, string> = {}) {
  return rawRequest(server.url, "POST", "/api/session", JSON.stringify({ password }), {
    "Content-Type": "application/json",
    ...headers,
  });
}

test.describe("a client forging X-Forwarded-For, with no proxy declared", () => {
  let server: PaddockServer;
  test.beforeAll(async () => {
    server = await startPaddock({ PADDOCK_PASSWORD: PASSWORD, PADDOCK_API_RATE_PER_MINUTE: "60" });
  });
  test.afterAll(async () => {
    await server.stop();
  });
  test.afterEach(async ({}, testInfo) => {
    await attachOnFailure(testInfo, "flood-server.log", server.logs.join(""));
  });

  test("is still limited, while a signed-in person at the same address keeps their budget", async () => {
    const signedIn = await signIn(server, PASSWORD);
    expect(signedIn.status).toBe(200);
    const cookie = String(signedIn.headers["set-cookie"]).split(";")[0] ?? "";

    // A new forged address every time changes nothing: 401s until the address's budget is spent, then 429.
    const statuses: number[] = [];
    while (statuses.length < 300 && statuses.at(-1) !== 429) {
      const response = await rawRequest(server.url, "GET", "/api/tasks", undefined, { "X-Forwarded-For": forged() });
      statuses.push(response.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);

    // The flood spent the address's anonymous budget, never the signed-in person's.
    for (let i = 0; i < 5; i += 1) {
      expect((await rawRequest(server.url, "GET", "/api/tasks", undefined, { Cookie: cookie })).status).toBe(200);
    }
  });
});

test.describe("a client forging X-Forwarded-For on every guess", () => {
  let server: PaddockServer;
  test.beforeAll(async () => {
    server = await startPaddock({ PADDOCK_PASSWORD: PASSWORD });
  });
  test.afterAll(async () => {
    await server.stop();
  });
  test.afterEach(async ({}, testInfo) => {
    await attachOnFailure(testInfo, "guess-server.log", server.logs.join(""));
  });

  test("cannot escape the sign-in delays with a new address per guess", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      statuses.push((await signIn(server, `guess-${i}`, { "X-Forwarded-For": forged() })).status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    // Growing delays: nearly every further guess waits (one may land just after a delay ends).
    expect(statuses.slice(4).filter((status) => status === 429).length).toBeGreaterThanOrEqual(12);
    expect(statuses).not.toContain(200);
  });
});

test.describe("behind a declared proxy (PADDOCK_TRUSTED_PROXIES=1)", () => {
  let server: PaddockServer;
  test.beforeAll(async () => {
    // The test plays the proxy: it connects from 127.0.0.1 and appends the address it "saw".
    server = await startPaddock({ PADDOCK_PASSWORD: PASSWORD, PADDOCK_TRUSTED_PROXIES: "1" });
  });
  test.afterAll(async () => {
    await server.stop();
  });
  test.afterEach(async ({}, testInfo) => {
    await attachOnFailure(testInfo, "proxy-server.log", server.logs.join(""));
  });

  test("accepts the right password from one client during a flood of wrong ones from another", async () => {
    const attacker = "198.51.100.66";
    let refused = 0;
    for (let i = 0; i < 40; i += 1) {
      // The attacker writes a victim's address first; the proxy appends the attacker's real one.
      const response = await signIn(server, `guess-${i}`, { "X-Forwarded-For": `198.51.100.2, ${attacker}` });
      if (response.status === 429) refused += 1;
    }
    expect(refused).toBeGreaterThanOrEqual(30);
    // The attacker's address waits, even with the right password...
    expect((await signIn(server, PASSWORD, { "X-Forwarded-For": attacker })).status).toBe(429);
    // ...and the person at another address signs in at once: no global cap.
    const person = await signIn(server, PASSWORD, { "X-Forwarded-For": "198.51.100.2" });
    expect(person.status).toBe(200);
    expect(String(person.headers["set-cookie"])).toMatch(/^paddock_session=/);
  });
});
