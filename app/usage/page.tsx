import type { Metadata } from "next";
import { Suspense } from "react";

import { Skeleton } from "@/components/ui/skeleton";
import { UsageReview } from "@/components/usage/usage-review";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Usage" };

export default async function UsagePage() {
  await requirePageAccess();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Usage</h1>
        <p className="text-sm text-muted-foreground">
          What the team generated, at which tier, for whom, and what failed.
        </p>
      </div>
      <Suspense fallback={<Skeleton className="h-96" />}>
        <UsageReview />
      </Suspense>
    </div>
  );
}
