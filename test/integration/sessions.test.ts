import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getRuntime } from "@/lib/server/runtime";
import { recordPersonSignIn, removePerson } from "@/lib/server/security/people";

import { from, type Harness, personSession, rereadConfiguration, startHarness } from "./harness";

/** Sessions kept in the store: sign-out is real, everywhere means everywhere, removal is at once. */

const PASSWORD = "correct horse battery";
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    PADDOCK_PASSWORD: PASSWORD,
    PADDOCK_API_TOKEN: "operator-token-0123456789",
    // The provider is never called here: people's sessions are made straight in the store.
    PADDOCK_OIDC_ISSUER: "http://127.0.0.1:9/",
    PADDOCK_OIDC_CLIENT_ID: "paddock",
  });
});
afterAll(async () => {
  await h.close();
});

const cookieOf = (response: Response) => /paddock_session=([^;]*)/.exec(response.headers.get("set-cookie") ?? "")?.[1];

async function signIn(address = "198.51.100.10", password = PASSWORD) {
  const response = await h.request("POST", "/api/session", { password }, from(address));
  return { response, cookie: cookieOf(response) };
}

const asCookie = (token: string | undefined, address = "198.51.100.10") => ({
  ...from(address),
  cookie: `paddock_session=${token ?? ""}`,
});

describe("server-side sessions", () => {
  it("sign-out ends the session for real: the same cookie is refused afterwards", async () => {
    const { response, cookie } = await signIn();
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Strict; Max-Age=\d+/);
    expect((await h.request("GET", "/api/tasks", undefined, asCookie(cookie))).status).toBe(200);
    expect((await h.request("DELETE", "/api/session", undefined, asCookie(cookie))).status).toBe(204);
    // A copy of the cookie kept by anyone is worth nothing now.
    expect((await h.request("GET", "/api/tasks", undefined, asCookie(cookie))).status).toBe(401);
  });

  it("says who is signed in: the team for the password, the person for the identity provider", async () => {
    const { cookie } = await signIn();
    const team = (await (await h.request("GET", "/api/session", undefined, asCookie(cookie))).json()) as {
      who: { name: string; kind: string };
    };
    expect(team.who).toMatchObject({ kind: "team" });
    const ada = await personSession("ada", "Ada Lovelace");
    const person = (await (await h.request("GET", "/api/session", undefined, asCookie(ada.token))).json()) as {
      who: { name: string; kind: string };
    };
    expect(person.who).toEqual({ name: "Ada Lovelace", kind: "person", via: "session" });
  });

  it("a person signs out everywhere: every session of theirs ends, nobody else's", async () => {
    const laptop = await personSession("grace", "Grace Hopper");
    const phone = await personSession("grace", "Grace Hopper");
    const other = await personSession("alan", "Alan Turing");
    const answer = await h.request("DELETE", "/api/session?scope=everywhere", undefined, asCookie(laptop.token));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ended: 2 });
    expect((await h.request("GET", "/api/tasks", undefined, asCookie(phone.token))).status).toBe(401);
    expect((await h.request("GET", "/api/tasks", undefined, asCookie(other.token))).status).toBe(200);
  });

  it("records the person on what they track, with their name as the label's default", async () => {
    const ada = await personSession("ada", "Ada Lovelace");
    const id = "asyntask_TrackedByAda0001";
    const added = await h.request("POST", "/api/tasks", { ids: [id] }, asCookie(ada.token));
    expect(added.status).toBe(201);
    const runtime = await getRuntime();
    const row = await runtime.db
      .selectFrom("tasks")
      .select(["added_by", "label"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ added_by: ada.key, label: "Ada Lovelace" });
  });

  it("personal API tokens act as their owner, and stop at once when revoked", async () => {
    const ada = await personSession("ada", "Ada Lovelace");
    const made = await h.request("POST", "/api/tokens", { description: "render script" }, asCookie(ada.token));
    expect(made.status).toBe(201);
    const { token, created } = (await made.json()) as { token: string; created: { id: string } };
    expect(token).toMatch(/^pdk_/);
    const bearer = { ...from("198.51.100.20"), authorization: `Bearer ${token}` };
    expect((await h.request("GET", "/api/tasks", undefined, bearer)).status).toBe(200);
    // The list never shows the secret again.
    const list = await (await h.request("GET", "/api/tokens", undefined, asCookie(ada.token))).text();
    expect(list).toContain("render script");
    expect(list).not.toContain(token);
    // A token cannot make tokens.
    expect((await h.request("POST", "/api/tokens", { description: "x" }, bearer)).status).toBe(403);
    expect((await h.request("DELETE", `/api/tokens/${created.id}`, undefined, asCookie(ada.token))).status).toBe(204);
    expect((await h.request("GET", "/api/tasks", undefined, bearer)).status).toBe(401);
  });

  it("removing a person ends their sessions and tokens at once, and keeps them out", async () => {
    const linus = await personSession("linus", "Linus");
    const made = await h.request("POST", "/api/tokens", { description: "cron" }, asCookie(linus.token));
    const { token } = (await made.json()) as { token: string };
    const runtime = await getRuntime();
    expect(await removePerson(runtime.db, linus.key, Date.now())).toEqual({ sessions: 1, tokens: 1 });
    expect((await h.request("GET", "/api/tasks", undefined, asCookie(linus.token))).status).toBe(401);
    const bearer = { ...from("198.51.100.21"), authorization: `Bearer ${token}` };
    expect((await h.request("GET", "/api/tasks", undefined, bearer)).status).toBe(401);
    const again = await recordPersonSignIn(
      runtime.db,
      { issuer: "http://127.0.0.1:9/", subject: "linus", name: "Linus", email: null },
      Date.now(),
    );
    expect(again).toEqual({ ok: false, reason: "removed" });
  });

  it("a person's token stops when the identity provider is turned off", async () => {
    const ada = await personSession("ada", "Ada Lovelace");
    const made = await h.request("POST", "/api/tokens", { description: "nightly" }, asCookie(ada.token));
    const { token } = (await made.json()) as { token: string };
    const bearer = { ...from("198.51.100.40"), authorization: `Bearer ${token}` };
    expect((await h.request("GET", "/api/tasks", undefined, bearer)).status).toBe(200);
    process.env.PADDOCK_OIDC_ISSUER = "";
    rereadConfiguration();
    expect((await h.request("GET", "/api/tasks", undefined, bearer)).status).toBe(401);
    process.env.PADDOCK_OIDC_ISSUER = "http://127.0.0.1:9/";
    rereadConfiguration();
    expect((await h.request("GET", "/api/tasks", undefined, bearer)).status).toBe(200);
  });

  it("a new password ends every session and team token made with the old one", async () => {
    const { cookie } = await signIn("198.51.100.30");
    const made = await h.request(
      "POST",
      "/api/tokens",
      { description: "team script" },
      asCookie(cookie, "198.51.100.30"),
    );
    const { token } = (await made.json()) as { token: string };
    const ada = await personSession("ada", "Ada Lovelace");
    process.env.PADDOCK_PASSWORD = "a brand new password";
    // What a restart with the new password does: the configuration is read again.
    rereadConfiguration();
    expect((await h.request("GET", "/api/tasks", undefined, asCookie(cookie, "198.51.100.30"))).status).toBe(401);
    const bearer = { ...from("198.51.100.30"), authorization: `Bearer ${token}` };
    expect((await h.request("GET", "/api/tasks", undefined, bearer)).status).toBe(401);
    // People who signed in with the identity provider are not affected by the password.
    expect((await h.request("GET", "/api/tasks", undefined, asCookie(ada.token))).status).toBe(200);
    process.env.PADDOCK_PASSWORD = PASSWORD;
    rereadConfiguration();
  });
});

describe("failed sign-ins", () => {
  it("slow the address down with growing delays; the right password still works from elsewhere", async () => {
    const attacker = "203.0.113.66";
    const statuses: number[] = [];
    let retryAfter = 0;
    for (let i = 0; i < 12; i += 1) {
      const response = await h.request(
        "POST",
        "/api/session",
        { password: `guess number ${i}` },
        // A forged X-Forwarded-For changes nothing: the address is the socket's.
        { ...from(attacker), "x-forwarded-for": `10.0.0.${i}` },
      );
      statuses.push(response.status);
      if (response.status === 429) retryAfter = Number(response.headers.get("retry-after"));
    }
    // Three free failures, a fourth that starts the delay, then refusals until it passes.
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4).every((status) => status === 429)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // Even the right password waits at the attacker's address...
    expect((await signIn(attacker)).response.status).toBe(429);
    // ...but not anywhere else: no global cap refuses the right password.
    const { response, cookie } = await signIn("198.51.100.77");
    expect(response.status).toBe(200);
    expect(cookie).toBeTruthy();
  });
});

describe("guesses sent in parallel", () => {
  it("wait their turn: one attempt at a time per address, so the delays still bind", async () => {
    const address = "203.0.113.99";
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.request("POST", "/api/session", { password: `parallel guess ${i}` }, from(address)),
      ),
    );
    const checked = answers.filter((answer) => answer.status === 401).length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(4);
    expect(answers.filter((answer) => answer.status === 429).length).toBe(20 - checked);
  });
});

describe("rate limits after authentication", () => {
  it("an anonymous flood from an address never spends a signed-in person's budget at that address", async () => {
    const shared = "198.51.100.99";
    const { cookie } = await signIn(shared);
    let limited = false;
    for (let i = 0; i < 400 && !limited; i += 1) {
      const response = await h.request("GET", "/api/tasks", undefined, from(shared));
      if (response.status === 429) limited = true;
      else expect(response.status).toBe(401);
    }
    expect(limited).toBe(true);
    expect((await h.request("GET", "/api/tasks", undefined, asCookie(cookie, shared))).status).toBe(200);
  });
});
