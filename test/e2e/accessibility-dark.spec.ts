import { freePort, type PaddockServer, startPaddock } from "../support/paddock-server";
import { checkEveryPage } from "./support/axe-pages";
import { attachOnFailure, test } from "./support/fixtures";

/** axe-core in dark mode, on a demo server of its own (it runs beside the shared demo server's files). */

let server: PaddockServer;

test.beforeAll(async () => {
  server = await startPaddock({
    SIMULATOR_PORT: String(await freePort()),
    SIMULATOR_TIME_SCALE: "5",
    PADDOCK_POLL_INTERVAL_MS: "1000",
  });
});
test.afterAll(async () => {
  await server?.stop();
});
test.afterEach(async ({}, testInfo) => {
  await attachOnFailure(testInfo, "dark-demo-server.log", server.logs.join(""));
});

checkEveryPage("dark", () => server.url);
