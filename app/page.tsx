import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";

import { BoardSkeleton } from "@/components/tasks/board-skeleton";
import { TaskBoard } from "@/components/tasks/task-board";
import { currentMode } from "@/lib/server/mode";
import { requirePageAccess } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Board" };

export default async function BoardPage() {
  await connection();
  await requirePageAccess();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Task board</h1>
        <p className="text-sm text-muted-foreground">Your HappyHorse generations, live.</p>
      </div>
      <Suspense fallback={<BoardSkeleton />}>
        <TaskBoard demo={currentMode() === "demo"} />
      </Suspense>
    </div>
  );
}
