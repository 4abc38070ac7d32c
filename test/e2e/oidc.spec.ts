import { AxeBuilder } from "@axe-core/playwright";
import { type Page, request as playwrightRequest } from "@playwright/test";

import { type IdentityProvider, startIdentityProvider, TEST_CLIENT } from "../support/identity-provider";
import { expectCleanLogs } from "../support/logs";
import { freePort, type PaddockServer, startPaddock } from "../support/paddock-server";
import { rawRequest } from "../support/raw-http";
import { attachOnFailure, expect, test } from "./support/fixtures";

/**
 * Sign-in with the team's identity provider, against a real OpenID provider on localhost: the
 * whole flow, then the attacks on it (a wrong state, a replayed code, an expired ID token).
 */

async function startPair(options: { idTokensExpiredBy?: number } = {}) {
  const idpPort = await freePort();
  const server = await startPaddock({
    PADDOCK_OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
    PADDOCK_OIDC_CLIENT_ID: TEST_CLIENT.id,
    PADDOCK_OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
    PADDOCK_OIDC_NAME: "Test IdP",
  });
  const idp = await startIdentityProvider({
    port: idpPort,
    redirectUri: `${server.url}/api/auth/oidc/callback`,
    ...options,
  });
  return { server, idp };
}

/** From Paddock's sign-in page through the provider's login and consent pages. */
async function signInAtProvider(page: Page, server: PaddockServer, login: string) {
  await page.goto(`${server.url}/usage`);
  await expect(page).toHaveURL(/\/sign-in\?/);
  await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

// The provider's dev pages load a web font this machine cannot reach; failed sign-ins log a 401.
test.use({ allowConsoleErrors: true });

test.describe("sign-in with the identity provider", () => {
  let pair: { server: PaddockServer; idp: IdentityProvider };
  test.beforeAll(async () => {
    pair = await startPair();
  });
  test.afterAll(async () => {
    await pair.idp.stop();
    await pair.server.stop();
  });
  test.afterEach(async ({}, testInfo) => {
    await attachOnFailure(testInfo, "oidc-server.log", pair.server.logs.join(""));
  });

  test("signs a person in as themselves, shown in the header, and back to where they were going", async ({ page }) => {
    const { server } = pair;
    await signInAtProvider(page, server, "ada");
    await expect(page).toHaveURL(`${server.url}/usage`);
    await expect(page.getByTestId("account-menu")).toHaveText("Ada");
    // What they track carries their name.
    const tracked = await page.request.post(`${server.url}/api/tasks`, { data: { ids: ["asyntask_TrackedByAda01"] } });
    expect(tracked.status()).toBe(201);
    const board = (await (await page.request.get(`${server.url}/api/tasks`)).json()) as {
      tasks: Array<{ id: string; label: string | null }>;
    };
    expect(board.tasks.find((task) => task.id === "asyntask_TrackedByAda01")?.label).toBe("Ada");
    // A personal API token acts as Ada, is shown once, and stops when revoked.
    await page.getByTestId("account-menu").click();
    await page.getByRole("menuitem", { name: "API tokens" }).click();
    await expect(page).toHaveURL(/\/settings#tokens$/);
    await expect(page.getByRole("heading", { name: "Personal API tokens" })).toBeVisible();
    await page.getByLabel("What is it for?").fill("render script");
    await page.getByRole("button", { name: "Make a token" }).click();
    const secret = (await page.getByTestId("new-token").locator("code").textContent()) ?? "";
    expect(secret).toMatch(/^pdk_/);
    await expect(page.getByRole("list", { name: "Your tokens" })).toContainText("render script");
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
    const asToken = { Authorization: `Bearer ${secret}` };
    expect((await rawRequest(server.url, "GET", "/api/tasks", undefined, asToken)).status).toBe(200);
    await page.getByRole("button", { name: "Revoke the token “render script”" }).click();
    await expect(page.getByText("You have no tokens yet.")).toBeVisible();
    expect((await rawRequest(server.url, "GET", "/api/tasks", undefined, asToken)).status).toBe(401);
    expectCleanLogs(server.logs.join(""), [secret, TEST_CLIENT.secret]);

    // Signing out everywhere ends the session for real.
    await page.getByTestId("account-menu").click();
    await page.getByRole("menuitem", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    expect((await page.request.get(`${server.url}/api/tasks`)).status()).toBe(401);
  });

  /**
   * An attacker's client (its own cookie jar) starts a flow, and the provider's answer for it is
   * captured from the browser where the person logs in (that browser lacks the flow's cookie, so
   * its own callback finishes nothing and leaves the code unused).
   */
  async function flowWithCapturedAnswer(page: Page, login: string) {
    const attacker = await playwrightRequest.newContext({ baseURL: pair.server.url });
    const start = await attacker.get("/api/auth/oidc/start", { maxRedirects: 0 });
    expect(start.status()).toBe(303);
    const authorize = start.headers().location ?? "";
    const callbacks: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/auth/oidc/callback")) callbacks.push(request.url());
    });
    await page.goto(authorize);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/sign-in\?error=flow_unknown/);
    const answer = new URL(callbacks[0] ?? "");
    return { attacker, answer, state: new URL(authorize).searchParams.get("state") ?? "" };
  }

  const callbackPath = (answer: URL, changes: Record<string, string>) => {
    const url = new URL(answer);
    for (const [name, value] of Object.entries(changes)) url.searchParams.set(name, value);
    return `${url.pathname}${url.search}`;
  };

  test("refuses a callback whose state was changed", async ({ page }) => {
    const { attacker, answer } = await flowWithCapturedAnswer(page, "mallory");
    const tampered = await attacker.get(callbackPath(answer, { state: "state-chosen-by-an-attacker" }), {
      maxRedirects: 0,
    });
    expect(tampered.status()).toBe(303);
    expect(tampered.headers().location).toMatch(/^\/sign-in\?error=verification_failed/);
    expect(tampered.headers()["set-cookie"] ?? "").not.toContain("paddock_session=");
    // Log lines are written after the answer (once per turn of the event loop): wait for the line.
    await expect.poll(() => pair.server.logs.join("")).toMatch(/oidc_verification_failed[^\n]*state/);
    await attacker.dispose();
  });

  test("refuses a replayed code, even inside a new flow with its right state", async ({ page }) => {
    // The person signs in; the code in that answer is used.
    const callbacks: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/auth/oidc/callback")) callbacks.push(request.url());
    });
    await signInAtProvider(page, pair.server, "grace");
    await expect(page.getByTestId("account-menu")).toHaveText("Grace");
    const used = new URL(callbacks[0] ?? "");

    // The same answer again in the same browser: its flow was used once and is gone.
    await page.goto(used.href);
    await expect(page).toHaveURL(/\/sign-in\?error=flow_unknown/);

    // An attacker's new flow, with the used code slipped in under that flow's own state: the
    // provider refuses the code, and no session starts.
    const attacker = await playwrightRequest.newContext({ baseURL: pair.server.url });
    const start = await attacker.get("/api/auth/oidc/start", { maxRedirects: 0 });
    const state = new URL(start.headers().location ?? "").searchParams.get("state") ?? "";
    const replay = await attacker.get(callbackPath(used, { state }), { maxRedirects: 0 });
    expect(replay.headers().location).toMatch(/^\/sign-in\?error=verification_failed/);
    expect(replay.headers()["set-cookie"] ?? "").not.toContain("paddock_session=");
    // Log lines are written after the answer (once per turn of the event loop): wait for the line.
    await expect.poll(() => pair.server.logs.join("")).toMatch(/oidc_verification_failed[^\n]*invalid_grant/);
    await attacker.dispose();
  });

  test("keeps the start and callback routes to their job: no open redirect, no session from a bare callback", async () => {
    const { server } = pair;
    const start = await rawRequest(server.url, "GET", "/api/auth/oidc/start?next=https://evil.example/");
    expect(start.status).toBe(303);
    expect(String(start.headers.location)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\?/);
    expect(String(start.headers["set-cookie"])).toMatch(
      /paddock_oidc_flow=[^;]+; Path=\/api\/auth\/oidc; HttpOnly; SameSite=Lax/,
    );
    const bare = await rawRequest(server.url, "GET", "/api/auth/oidc/callback?code=abc&state=def");
    expect(bare.status).toBe(303);
    expect(bare.headers.location).toBe("/sign-in?error=flow_unknown&next=%2F");
    expect(String(bare.headers["set-cookie"])).not.toContain("paddock_session=");
  });
});

test.describe("an identity provider whose ID tokens arrive expired", () => {
  let pair: { server: PaddockServer; idp: IdentityProvider };
  test.beforeAll(async () => {
    pair = await startPair({ idTokensExpiredBy: 2 * 3_600_000 });
  });
  test.afterAll(async () => {
    await pair.idp.stop();
    await pair.server.stop();
  });

  test("gets no session: the expired ID token is refused", async ({ page }) => {
    await signInAtProvider(page, pair.server, "linus");
    await expect(page).toHaveURL(/\/sign-in\?error=verification_failed/);
    expect((await page.request.get(`${pair.server.url}/api/tasks`)).status()).toBe(401);
    // Log lines are written after the answer (once per turn of the event loop): wait for the line.
    await expect.poll(() => pair.server.logs.join("")).toMatch(/oidc_verification_failed[^\n]*expiration/);
  });
});
