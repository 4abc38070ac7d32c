"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PencilIcon, TagIcon } from "lucide-react";
import { useState } from "react";

import { Input } from "@/components/ui/input";
import { setLabelRequest, taskKeys } from "@/lib/api-client/tasks";
import { checkLabel, LABEL_MAX_LENGTH } from "@/lib/tasks/label";

interface LabelEditorProps {
  id: string;
  label: string | null;
}

/** The task's label as a chip; press it to edit, Enter saves, Escape cancels, empty clears. */
export function LabelEditor({ id, label }: LabelEditorProps) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (next: string | null) => setLabelRequest(id, next),
    onSuccess: () => {
      setDraft(null);
      return queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
  });

  if (draft !== null) {
    const check = checkLabel(draft);
    return (
      <form
        className="flex items-center gap-1"
        onSubmit={(event) => {
          event.preventDefault();
          if (check.ok) mutation.mutate(check.label);
        }}
      >
        <label className="sr-only" htmlFor={`label-${id}`}>
          Label
        </label>
        <Input
          id={`label-${id}`}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") setDraft(null);
          }}
          onBlur={() => {
            if (!mutation.isPending && check.ok && check.label === label) setDraft(null);
          }}
          maxLength={LABEL_MAX_LENGTH}
          placeholder="Person, project or client"
          className="h-7 w-48 text-xs"
          aria-invalid={!check.ok || mutation.isError}
          disabled={mutation.isPending}
          autoFocus
        />
        {!check.ok || mutation.isError ? (
          <span role="alert" className="text-xs text-destructive">
            {check.ok ? mutation.error?.message : check.reason}
          </span>
        ) : null}
      </form>
    );
  }
  return (
    <button
      type="button"
      onClick={() => setDraft(label ?? "")}
      className="inline-flex items-center gap-1 rounded-md border border-dashed px-1.5 py-0.5 text-xs text-muted-foreground hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none data-[set=true]:border-solid data-[set=true]:text-foreground"
      data-set={label !== null}
      data-testid="label-chip"
      aria-label={label ? `${label}: edit label` : "Add label"}
    >
      <TagIcon className="size-3" aria-hidden="true" />
      {label ?? "Add label"}
      {label ? <PencilIcon className="size-3 opacity-60" aria-hidden="true" /> : null}
    </button>
  );
}
