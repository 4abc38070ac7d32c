import type { Metadata } from "next";

import { WebhookSettings } from "@/components/settings/webhook-settings";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePageAccess();
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-muted-foreground">
          Where Paddock sends word when a task ends. These settings are the team&apos;s, shared by everyone who signs
          in.
        </p>
      </div>
      <WebhookSettings />
    </div>
  );
}
