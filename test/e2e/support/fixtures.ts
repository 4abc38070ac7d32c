import { randomBytes } from "node:crypto";

import { expect, test as base, type TestInfo } from "@playwright/test";

import { type LiveServer, startLiveServer } from "../../support/live-server";
import { mainServerLogs } from "./main-server";

/**
 * Each test gets its own page (Playwright's default) and its own tasks (`uniqueId`, `track`), so
 * no test relies on another's leftovers. Every page must log no console error, and a failing test
 * carries the server's log lines from its own run.
 */

interface Fixtures {
  /**
   * Set with `test.use({ allowConsoleErrors: … })` where a test provokes errors on purpose: true
   * allows any, a pattern allows the matching ones.
   */
  allowConsoleErrors: boolean | RegExp;
  /** A task id no other test uses: `asyntask_` + the tag + random letters and digits. */
  uniqueId: (tag: string) => string;
  /** Tracks ids on the demo server through the API. */
  track: (ids: string[], label?: string) => Promise<void>;
  serverLogOnFailure: void;
}

export const test = base.extend<Fixtures>({
  allowConsoleErrors: [false, { option: true }],

  page: async ({ page, allowConsoleErrors }, use) => {
    // Pages are rendered on the server: a click before React has hydrated them would be lost, so a
    // navigation to a Paddock page returns once the page is live.
    const live = async () => {
      if ((await page.locator("html[data-app=paddock]").count()) > 0) {
        await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
        // The board marks itself live once hydrated (its effects ran): until then a click is lost.
        await expect(page.locator('[data-live="false"]')).toHaveCount(0);
      }
    };
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await live();
      return response;
    };
    const reload = page.reload.bind(page);
    page.reload = async (options) => {
      const response = await reload(options);
      await live();
      return response;
    };
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    await use(page);
    const unexpected =
      allowConsoleErrors === true
        ? []
        : errors.filter((text) => !(allowConsoleErrors instanceof RegExp && allowConsoleErrors.test(text)));
    expect(unexpected, "the page logged console errors").toEqual([]);
  },

  uniqueId: async ({}, use) => {
    await use((tag) => `asyntask_${tag.replace(/[^A-Za-z0-9]/g, "")}${randomBytes(6).toString("hex")}`);
  },

  track: async ({ request }, use) => {
    await use(async (ids, label) => {
      const response = await request.post("/api/tasks", { data: label ? { ids, label } : { ids } });
      expect(response.status(), await response.text()).toBeLessThan(300);
    });
  },

  serverLogOnFailure: [
    async ({}, use, testInfo) => {
      const start = mainServerLogs().length;
      await use();
      await attachOnFailure(testInfo, "demo-server.log", mainServerLogs().slice(start));
    },
    { auto: true },
  ],
});

/** Attaches a server's log lines to a test that did not end as expected. */
export async function attachOnFailure(testInfo: TestInfo, name: string, logs: string) {
  if (testInfo.status !== testInfo.expectedStatus && logs.length > 0) {
    await testInfo.attach(name, { body: logs, contentType: "text/plain" });
  }
}

export { expect };

/**
 * A live-mode Paddock against its own simulator for the specs of one file: started before them,
 * stopped after, its log attached to a failing test. Returns a getter for the running pair.
 */
export function useLiveServer(key: string, env: Record<string, string> = {}): () => LiveServer {
  let live: LiveServer | undefined;
  test.beforeAll(async () => {
    live = await startLiveServer(key, env);
  });
  test.afterAll(async () => {
    await live?.stop();
  });
  test.afterEach(async ({}, testInfo) => {
    await attachOnFailure(testInfo, "live-server.log", live?.server.logs.join("") ?? "");
  });
  return () => {
    if (!live) throw new Error("The live server is not running.");
    return live;
  };
}
