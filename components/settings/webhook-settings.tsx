"use client";

import { DeliveryLog } from "@/components/settings/delivery-log";
import { WebhookForm } from "@/components/settings/webhook-form";
import { WebhookList } from "@/components/settings/webhook-list";

/** The Settings page's webhooks: endpoints, adding one, and the delivery log. */
export function WebhookSettings() {
  return (
    <>
      <section aria-labelledby="endpoints-heading" className="flex flex-col gap-4 rounded-xl border bg-card p-5">
        <div>
          <h2 id="endpoints-heading" className="font-medium">
            Webhooks
          </h2>
          <p className="text-sm text-muted-foreground">
            Paddock tells these endpoints when a task succeeds, fails, or is given up on: one event per change, with an
            id to drop duplicates (delivery is at least once; failed attempts are retried for about a day).
          </p>
        </div>
        <WebhookList />
        <h3 className="pt-2 text-sm font-medium">Add an endpoint</h3>
        <WebhookForm />
      </section>
      <section aria-labelledby="deliveries-heading" className="flex flex-col gap-3 rounded-xl border bg-card p-5">
        <h2 id="deliveries-heading" className="font-medium">
          Delivery log
        </h2>
        <DeliveryLog />
      </section>
    </>
  );
}
