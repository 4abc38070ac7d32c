"use client";

import { CheckIcon, CopyIcon } from "lucide-react";

import { useCopy } from "@/components/hooks/use-copy";
import { Button } from "@/components/ui/button";

interface CopyButtonProps {
  value: string;
  label: string;
}

export function CopyButton({ value, label }: CopyButtonProps) {
  const { state, copy } = useCopy();
  const text = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label;
  return (
    <Button type="button" variant="ghost" size="icon-sm" onClick={() => copy(value)} aria-label={text} title={text}>
      {state === "copied" ? <CheckIcon className="text-status-success" /> : <CopyIcon />}
      <span className="sr-only" aria-live="polite">
        {state === "idle" ? "" : text}
      </span>
    </Button>
  );
}
