import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import type { SearchParams } from "nuqs/server";

import { TaskBoard } from "@/components/tasks/task-board";
import { getQueryClient } from "@/lib/query-client";
import { currentMode } from "@/lib/server/mode";
import { requirePageAccess } from "@/lib/server/page-access";
import { prefetchBoard } from "@/lib/server/tasks/board-prefetch";
import { firstBlockCards } from "@/lib/tasks/card-layout";

export const metadata: Metadata = { title: "Board" };

interface BoardPageProps {
  searchParams: Promise<SearchParams>;
}

export default async function BoardPage({ searchParams }: BoardPageProps) {
  await connection();
  await requirePageAccess();
  // The first page is rendered on the server (a fresh query client per request).
  const queryClient = getQueryClient();
  await prefetchBoard(queryClient, await searchParams);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Task board</h1>
        <p className="text-sm text-muted-foreground">Your HappyHorse generations, live.</p>
      </div>
      {/* No Suspense boundary here: React would stream a board this large after a skeleton and reveal
          it in a later frame (outlining), while the store's read is done before the page renders. */}
      <HydrationBoundary state={dehydrate(queryClient)}>
        {/* Fewer cards for a phone (its client hint or user agent): the page is never cached (no-store). */}
        <TaskBoard demo={currentMode() === "demo"} firstCards={firstBlockCards(await headers())} />
      </HydrationBoundary>
    </div>
  );
}
