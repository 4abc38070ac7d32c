import { AxeBuilder } from "@axe-core/playwright";

import { expectCleanLogs } from "../support/logs";
import { freePort, type PaddockServer, startPaddock } from "../support/paddock-server";
import { rawRequest } from "../support/raw-http";
import { attachOnFailure, expect, test } from "./support/fixtures";
import { MAIN_SIMULATOR_PORT, mainServerLogs } from "./support/main-server";

const PASSWORD = "correct horse battery staple";
const API_TOKEN = "paddock-script-token-1234567890";

test.describe("headers and the Content Security Policy (demo mode)", () => {
  test("sends a nonce-based CSP and the protective headers", async ({ baseURL }) => {
    const base = baseURL ?? "";
    const page = await rawRequest(base, "GET", "/");
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain(`media-src 'self' https://*.aliyuncs.com http://127.0.0.1:${MAIN_SIMULATOR_PORT}`);
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
    expect(page.text).toContain(`nonce="${nonce}"`);
    for (const response of [page, await rawRequest(base, "GET", "/api/tasks")]) {
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["referrer-policy"]).toBe("no-referrer");
      expect(String(response.headers["permissions-policy"])).toContain("camera=()");
      // Only features Chromium knows: an unknown one is an error in the console of every page.
      expect(String(response.headers["permissions-policy"])).not.toContain("interest-cohort");
    }
    const again = await rawRequest(base, "GET", "/");
    expect(String(again.headers["content-security-policy"])).not.toContain(nonce);
  });

  test.describe(() => {
    // The injected handler below is refused on purpose, and Chromium reports it in the console.
    test.use({ allowConsoleErrors: true });

    test("plays the demo video with no CSP violation, blocks injected scripts, and shows markup as text", async ({
      page,
      track,
      uniqueId,
    }) => {
      const consoleErrors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      await page.addInitScript(() => {
        const store = window as unknown as { __violations: string[] };
        store.__violations = [];
        document.addEventListener("securitypolicyviolation", (event) =>
          store.__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
        );
      });
      const xssId = uniqueId("xssprobe");
      await track([xssId]);
      // The demo task with a video, on its own (the board's cards are virtualized, and a long shared
      // board would open as the table).
      await page.goto("/?view=cards&q=asyntask_FdnXsiVpzz63FfkCzJr4i0B3JrTAwR4y");
      const card = page.locator('[data-task-id="asyntask_FdnXsiVpzz63FfkCzJr4i0B3JrTAwR4y"]');
      await card.getByRole("button", { name: /Play preview/ }).click();
      await expect
        .poll(() => card.locator("video").evaluate((video: HTMLVideoElement) => !video.paused && video.readyState >= 2))
        .toBe(true);
      const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
      expect(await violations()).toEqual([]);
      expect(consoleErrors).toEqual([]);

      await page.goto(`/?view=cards&q=${xssId}`);
      const xss = page.locator(`[data-task-id="${xssId}"]`);
      await expect(xss.getByTestId("failure-reason")).toContainText("<script>");
      await expect(xss).toContainText('<img src=x onerror="window.__paddockXss=1">');
      expect(await page.evaluate(() => (window as unknown as { __paddockXss?: number }).__paddockXss)).toBeUndefined();
      await expect(page.locator('img[src="x"]')).toHaveCount(0);

      // Proof that the policy is live: an injected inline handler is refused and reported.
      await page.evaluate(() => {
        document.body.insertAdjacentHTML(
          "beforeend",
          '<img src="/no-such-image.png" onerror="window.__injected = true">',
        );
      });
      await expect.poll(violations).toEqual([expect.stringMatching(/^script-src/)]);
      expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
      expectCleanLogs(mainServerLogs(), []);
    });
  });
});

test.describe("access control (PADDOCK_PASSWORD and PADDOCK_API_TOKEN)", () => {
  let server: PaddockServer;

  test.beforeAll(async () => {
    server = await startPaddock({
      SIMULATOR_PORT: String(await freePort()),
      PADDOCK_PASSWORD: PASSWORD,
      PADDOCK_API_TOKEN: API_TOKEN,
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  test.afterEach(async ({}, testInfo) => {
    await attachOnFailure(testInfo, "password-server.log", server.logs.join(""));
  });

  const API_ROUTES: Array<[string, string, string?]> = [
    ["GET", "/api/tasks"],
    ["POST", "/api/tasks", '{"ids": ["asyntask_anon1"]}'],
    ["GET", "/api/tasks/asyntask_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO"],
    ["PATCH", "/api/tasks/asyntask_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO", '{"label": "x"}'],
    ["DELETE", "/api/tasks/asyntask_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO"],
    ["GET", `/api/usage?from=${Date.now() - 86_400_000}&to=${Date.now()}`],
    ["GET", `/api/usage/export?kind=tasks&from=${Date.now() - 86_400_000}&to=${Date.now()}`],
    ["GET", "/api/changes"],
    ["GET", "/api/webhooks"],
    ["GET", "/api/webhooks/deliveries"],
  ];
  /** Refused to an anonymous visitor too (what they answer a signed-in one depends on the task). */
  const MORE_API_ROUTES: Array<[string, string, string?]> = [
    ["GET", "/api/tasks/asyntask_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO/video"],
    ["DELETE", "/api/tasks/asyntask_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO/archive"],
    ["POST", "/api/tasks/asyntask_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO/archive"],
    [
      "POST",
      "/api/webhooks",
      '{"name": "x", "kind": "json", "url": "http://127.0.0.1:9/", "labels": [], "outcomes": ["failed"]}',
    ],
  ];
  const PAGES = ["/", "/usage", "/tasks/asyntask_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO", "/?view=failures", "/settings"];
  // The header trick that once let requests skip Next.js middleware must change nothing.
  const TRICK = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };

  test("refuses every API route and page to an anonymous visitor, header tricks included", async () => {
    const variants: Array<Record<string, string>> = [
      {},
      TRICK,
      { Authorization: "Bearer not-the-token" },
      { Cookie: "paddock_session=1.2.forged" },
    ];
    for (const headers of variants) {
      for (const [method, path, body] of [...API_ROUTES, ...MORE_API_ROUTES]) {
        const response = await rawRequest(server.url, method, path, body, {
          ...(body ? { "Content-Type": "application/json" } : {}),
          ...headers,
        });
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(response.text).toContain("unauthorized");
      }
      for (const path of PAGES) {
        const response = await rawRequest(server.url, "GET", path, undefined, headers);
        expect(response.status, path).toBe(307);
        expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      }
    }
    expect((await rawRequest(server.url, "GET", "/sign-in")).status).toBe(200);
  });

  test("lets scripts in with the API token", async () => {
    const response = await rawRequest(server.url, "POST", "/api/tasks", '{"ids": ["asyntask_scriptTracked1"]}', {
      "Content-Type": "application/json",
      Authorization: `Bearer ${API_TOKEN}`,
    });
    expect(response.status).toBe(201);
  });

  test("signs in with an httpOnly, SameSite=Strict cookie for a stored session; failures slow the address down", async () => {
    const attempt = (password: string, headers: Record<string, string> = {}) =>
      rawRequest(server.url, "POST", "/api/session", JSON.stringify({ password }), {
        "Content-Type": "application/json",
        // Forged, and ignored: the address is the socket's.
        "X-Forwarded-For": `203.0.113.${Math.floor(Math.random() * 200)}`,
        ...headers,
      });
    expect((await attempt(PASSWORD, { Origin: "https://evil.example" })).status).toBe(403);
    // Three free failures; the fourth starts a delay that grows with each further one.
    for (let i = 0; i < 4; i += 1) expect((await attempt(`wrong-${i}`)).status).toBe(401);
    const blocked = await attempt(PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);

    // Once the delay has passed, the right password gets in.
    let ok = blocked;
    await expect
      .poll(async () => {
        ok = await attempt(PASSWORD);
        return ok.status;
      })
      .toBe(200);
    const cookie = String(ok.headers["set-cookie"]);
    expect(cookie).toMatch(/^paddock_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const session = cookie.split(";")[0] ?? "";

    for (const [method, path] of API_ROUTES.filter(([method]) => method === "GET")) {
      expect((await rawRequest(server.url, method, path, undefined, { Cookie: session })).status, path).toBe(200);
    }
    expect((await rawRequest(server.url, "GET", "/usage", undefined, { Cookie: session })).status).toBe(200);
    const tampered = session.slice(0, -2) + (session.endsWith("A") ? "BB" : "AA");
    expect((await rawRequest(server.url, "GET", "/api/tasks", undefined, { Cookie: tampered })).status).toBe(401);

    const signOut = await rawRequest(server.url, "DELETE", "/api/session", undefined, { Cookie: session });
    expect(String(signOut.headers["set-cookie"])).toContain("Max-Age=0");
    // Signing out ended the session itself: a copy of the cookie is worth nothing now.
    expect((await rawRequest(server.url, "GET", "/api/tasks", undefined, { Cookie: session })).status).toBe(401);
    expectCleanLogs(server.logs.join(""), [PASSWORD, API_TOKEN, session.split("=")[1]]);
  });

  test.describe(() => {
    // A wrong password is a 401, which Chromium reports in the console.
    test.use({ allowConsoleErrors: true });

    test("walks a person through the sign-in page to the board", async ({ page }) => {
      await page.goto(`${server.url}/usage`);
      await expect(page).toHaveURL(/\/sign-in\?/);
      const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(axe.violations.map((violation) => violation.id)).toEqual([]);
      await page.getByLabel("Password").fill("not it");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "not right" })).toHaveCount(1);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(`${server.url}/usage`);
      await page.goto(server.url);
      await expect.poll(() => page.getByTestId("task-card").count()).toBeGreaterThan(5);
      await expect(page.getByTestId("account-menu")).toHaveText("Team (shared password)");
      await page.getByTestId("account-menu").click();
      await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
      await expect(page).toHaveURL(/\/sign-in$/);
      await page.goto(server.url);
      await expect(page).toHaveURL(/\/sign-in\?/);
    });
  });
});

test.describe("start-up", () => {
  test("the demo's simulator listens as soon as Paddock says it does", async () => {
    const simulatorPort = await freePort();
    const server = await startPaddock({ SIMULATOR_PORT: String(simulatorPort) }, { readyWhen: /Paddock: demo mode/ });
    try {
      // No request has reached Paddock yet: the simulator must already answer.
      const answer = await fetch(`http://127.0.0.1:${simulatorPort}/v1/video/generations/asyntask_startupProbe1`);
      expect(answer.status).toBe(401);
    } finally {
      await server.stop();
    }
  });
});
