"use client";

import { ClipboardCheckIcon, ClipboardCopyIcon } from "lucide-react";

import { useCopy } from "@/components/hooks/use-copy";
import { Button } from "@/components/ui/button";
import type { TaskResponse } from "@/lib/api/task-schemas";
import { supportSummary } from "@/lib/tasks/support-summary";

interface SupportSummaryButtonProps {
  detail: TaskResponse;
}

export function SupportSummaryButton({ detail }: SupportSummaryButtonProps) {
  const { state, copy } = useCopy(2000);
  return (
    <Button type="button" variant="outline" onClick={() => copy(supportSummary(detail))}>
      {state === "copied" ? <ClipboardCheckIcon aria-hidden="true" /> : <ClipboardCopyIcon aria-hidden="true" />}
      <span aria-live="polite">
        {state === "copied" ? "Summary copied" : state === "failed" ? "Copy failed" : "Copy support summary"}
      </span>
    </Button>
  );
}
