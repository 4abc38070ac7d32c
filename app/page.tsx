import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { connection } from "next/server";
import type { SearchParams } from "nuqs/server";
import { Suspense } from "react";

import { BoardSkeleton } from "@/components/tasks/board-skeleton";
import { TaskBoard } from "@/components/tasks/task-board";
import { getQueryClient } from "@/lib/query-client";
import { currentMode } from "@/lib/server/mode";
import { requirePageAccess } from "@/lib/server/page-access";
import { prefetchBoard } from "@/lib/server/tasks/board-prefetch";

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
      <HydrationBoundary state={dehydrate(queryClient)}>
        <Suspense fallback={<BoardSkeleton />}>
          <TaskBoard demo={currentMode() === "demo"} />
        </Suspense>
      </HydrationBoundary>
    </div>
  );
}
