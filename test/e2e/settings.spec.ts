import { verifyPaddockSignature } from "@/lib/webhooks/verify-signature";

import { type Receiver, startReceiver } from "../support/webhook-receiver";
import { expect, test } from "./support/fixtures";

/**
 * Tell, in the browser: an endpoint added on Settings gets a signed test event, then a signed
 * event when a task of its label ends, and every attempt is in the delivery log.
 */

let receiver: Receiver;

test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver?.stop();
});

test("adds a signed webhook on Settings, tests it, and is told when a task of its label ends", async ({
  page,
  uniqueId,
  track,
}) => {
  const label = `Hook ${uniqueId("label").slice(-6)}`;
  const name = `Receiver ${label}`;
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

  const form = page.getByRole("form", { name: "Add a webhook endpoint" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Kind").selectOption("json");
  await form.getByLabel("URL").fill(`${receiver.url}/paddock`);
  await form.getByLabel(/^Labels/).fill(label);
  await form.getByRole("button", { name: "Add endpoint" }).click();
  const secretBox = page.getByTestId("new-webhook-secret");
  await expect(secretBox).toBeVisible();
  const secret = ((await secretBox.locator("code").textContent()) ?? "").trim();
  expect(secret).toMatch(/^whsec_/);

  const item = page.getByRole("list", { name: "Webhook endpoints" }).getByRole("listitem").filter({ hasText: name });
  await item.getByRole("button", { name: "Send a test event" }).click();
  await expect(page.getByText(`Test event delivered to “${name}” (HTTP 200).`)).toBeVisible();
  const log = page.getByRole("table", { name: "Delivery log" });
  await expect(log.getByRole("row").filter({ hasText: name }).first()).toBeVisible();

  // A task of that label ends: one signed event, with the task in it.
  const id = uniqueId("hook");
  await track([id], label);
  await expect
    .poll(() => receiver.received.filter((request) => request.body.includes(id)).length, { timeout: 60_000 })
    .toBe(1);
  const delivered = receiver.received.find((request) => request.body.includes(id));
  const header = (name: string) => String(delivered?.headers[name] ?? "");
  expect(
    verifyPaddockSignature(secret, delivered?.body ?? "", header("paddock-timestamp"), header("paddock-signature")),
  ).toBe(true);
  const event = JSON.parse(delivered?.body ?? "{}") as { id: string; type: string; task: { label: string } };
  expect(event).toMatchObject({ type: "task.succeeded", task: { label } });
  expect(header("paddock-event-id")).toBe(event.id);
  await expect(log.getByRole("row").filter({ hasText: id })).toBeVisible({ timeout: 30_000 });

  // Removed (two presses): it is told nothing more.
  await item.getByRole("button", { name: `Remove “${name}”` }).click();
  await item.getByRole("button", { name: "Remove for good" }).click();
  await expect(page.getByText(`Removed “${name}”.`)).toBeVisible();
  await expect(item).toHaveCount(0);
});
