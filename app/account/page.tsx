import type { Metadata } from "next";

import { AccountPanel } from "@/components/account/account-panel";
import { requirePageAccess, signInRequired } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Sessions" };

export default async function AccountPage() {
  await requirePageAccess();
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sessions</h1>
        <p className="text-sm text-muted-foreground">Who you are signed in as, and signing out on every device.</p>
      </div>
      <AccountPanel signInRequired={signInRequired()} />
    </div>
  );
}
