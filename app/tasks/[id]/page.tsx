import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";

import { TaskInspector } from "@/components/inspector/task-inspector";
import { Button } from "@/components/ui/button";
import { checkTaskId, shortTaskId } from "@/lib/happyhorse/task-id";
import { getQueryClient } from "@/lib/query-client";
import { requirePageAccess } from "@/lib/server/page-access";
import { prefetchTaskDetail } from "@/lib/server/tasks/task-detail-prefetch";

interface TaskPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: TaskPageProps): Promise<Metadata> {
  const check = checkTaskId((await params).id);
  return { title: check.ok ? `Task ${shortTaskId(check.id)}` : "Invalid task id" };
}

export default async function TaskPage({ params }: TaskPageProps) {
  const { id } = await params;
  await requirePageAccess();
  const check = checkTaskId(id);
  if (!check.ok) {
    return (
      <div role="alert" className="mx-auto flex max-w-md flex-col items-center gap-3 py-24 text-center">
        <h1 className="text-xl font-semibold">That is not a task id</h1>
        <p className="text-sm text-muted-foreground">{check.reason}</p>
        <Button asChild variant="outline">
          <Link href="/">Back to the board</Link>
        </Button>
      </div>
    );
  }
  // A tracked task is rendered on the server (a fresh query client per request).
  const queryClient = getQueryClient();
  await prefetchTaskDetail(queryClient, check.id);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <TaskInspector id={check.id} />
    </HydrationBoundary>
  );
}
