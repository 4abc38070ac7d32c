import type { Metadata } from "next";

import { PersonalTokens } from "@/components/account/account-panel";
import { WebhookSettings } from "@/components/settings/webhook-settings";
import { requirePageAccess, signInRequired } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePageAccess();
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-muted-foreground">
          Where Paddock sends word when a task ends (the team&apos;s, shared by everyone who signs in), and your own
          tokens for scripts.
        </p>
      </div>
      <WebhookSettings />
      <PersonalTokens signInRequired={signInRequired()} />
    </div>
  );
}
