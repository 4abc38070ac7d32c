"use client";

import { ClipboardCheckIcon, ClipboardCopyIcon } from "lucide-react";
import { useEffect, useState } from "react";

import { Button } from "@/components/ui/button";
import type { TaskResponse } from "@/lib/tasks/api-types";
import { supportSummary } from "@/lib/tasks/support-summary";

interface SupportSummaryButtonProps {
  detail: TaskResponse;
}

export function SupportSummaryButton({ detail }: SupportSummaryButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(supportSummary(detail));
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <Button type="button" variant="outline" onClick={copy}>
      {state === "copied" ? <ClipboardCheckIcon aria-hidden="true" /> : <ClipboardCopyIcon aria-hidden="true" />}
      <span aria-live="polite">
        {state === "copied" ? "Summary copied" : state === "failed" ? "Copy failed" : "Copy support summary"}
      </span>
    </Button>
  );
}
