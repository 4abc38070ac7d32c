"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleCheckIcon, CircleXIcon, InfoIcon, PlusIcon } from "lucide-react";
import { useId, useState } from "react";

import { useShortcut } from "@/components/hooks/use-shortcut";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { MAX_IDS_PER_REQUEST as MAX_IDS } from "@/lib/api/limits";
import { invalidIdsDetailsSchema, type TrackResult } from "@/lib/api/task-schemas";
import { taskKeys, trackTasksRequest } from "@/lib/api-client/tasks";
import { checkTaskId, splitPastedIds } from "@/lib/happyhorse/task-id";
import { checkLabel, LABEL_MAX_LENGTH } from "@/lib/tasks/label";

interface AddTasksDialogProps {
  demo: boolean;
  /** Whether "a" opens this dialog (only one dialog on a page should answer it). */
  shortcut?: boolean;
}

export function AddTasksDialog({ demo, shortcut = false }: AddTasksDialogProps) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [label, setLabel] = useState("");
  const labelCheck = checkLabel(label);
  const queryClient = useQueryClient();
  const inputId = useId();
  const mutation = useMutation({
    mutationFn: ({ ids, label }: { ids: string[]; label: string | null }) => trackTasksRequest(ids, label),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
  const ids = splitPastedIds(text);
  const invalidCount = ids.filter((id) => !checkTaskId(id).ok).length;

  // "a" opens the dialog from anywhere on the board, unless the person is typing.
  useShortcut("a", () => {
    if (shortcut) setOpen(true);
  });

  function changeOpen(next: boolean) {
    setOpen(next);
    if (!next) {
      setText("");
      setLabel("");
      mutation.reset();
    }
  }

  function submit() {
    if (ids.length === 0 || ids.length > MAX_IDS || mutation.isPending || !labelCheck.ok) return;
    mutation.mutate({ ids, label: labelCheck.label });
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden="true" /> Add tasks
          <kbd className="ml-1 hidden rounded border border-primary-foreground/30 px-1 text-[10px] sm:inline">A</kbd>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add tasks to watch</DialogTitle>
          <DialogDescription>
            Paste one or many task ids (<code>asyntask_…</code>), separated by spaces, commas or new lines.
          </DialogDescription>
        </DialogHeader>

        {mutation.isSuccess ? (
          <TrackResults results={mutation.data.results} />
        ) : mutation.error?.code === "invalid_ids" ? (
          <TrackResults results={invalidResults(mutation.error.details)} />
        ) : (
          <form
            className="flex flex-col gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <Label htmlFor={inputId}>Task ids</Label>
            <Textarea
              id={inputId}
              value={text}
              onChange={(event) => setText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) submit();
              }}
              placeholder={"asyntask_jwgfhsG0m2aDjLmiiELRf74eoWmss6ya\nasyntask_…"}
              rows={5}
              className="max-h-64 font-mono text-xs"
              autoFocus
            />
            <p className="text-xs text-muted-foreground" aria-live="polite">
              {ids.length === 0
                ? "No ids yet."
                : `${ids.length} id${ids.length === 1 ? "" : "s"}${invalidCount > 0 ? `, ${invalidCount} not valid (they will be listed with the reason)` : ""}.`}
              {ids.length > MAX_IDS ? ` At most ${MAX_IDS} at once.` : ""}
            </p>
            <Label htmlFor={`${inputId}-label`} className="mt-2">
              Label <span className="font-normal text-muted-foreground">(optional: a person, project or client)</span>
            </Label>
            <Input
              id={`${inputId}-label`}
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              maxLength={LABEL_MAX_LENGTH}
              placeholder="e.g. Spring campaign"
              aria-invalid={!labelCheck.ok}
            />
            {labelCheck.ok ? null : (
              <p role="alert" className="text-xs text-destructive">
                {labelCheck.reason}
              </p>
            )}
            {demo ? (
              <Alert variant="info" role="note" className="text-xs">
                <InfoIcon aria-hidden="true" />
                <AlertDescription className="text-xs">
                  Demo: any well-formed id becomes a new simulated task. Put &ldquo;fail&rdquo; in it to watch a
                  failure, or &ldquo;missing&rdquo; for an id the gateway does not know.
                </AlertDescription>
              </Alert>
            ) : null}
            {mutation.isError ? (
              <p role="alert" className="text-sm text-destructive">
                {mutation.error.message}
              </p>
            ) : null}
            <DialogFooter className="mt-2">
              <Button type="button" variant="outline" onClick={() => changeOpen(false)}>
                Cancel
              </Button>
              <Button
                type="submit"
                disabled={ids.length === 0 || ids.length > MAX_IDS || mutation.isPending || !labelCheck.ok}
              >
                {mutation.isPending ? "Adding…" : `Track ${ids.length || ""} task${ids.length === 1 ? "" : "s"}`}
              </Button>
            </DialogFooter>
          </form>
        )}
        {mutation.isSuccess || mutation.error?.code === "invalid_ids" ? (
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => mutation.reset()}>
              Add more
            </Button>
            <Button type="button" onClick={() => changeOpen(false)}>
              Done
            </Button>
          </DialogFooter>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

/** The per-id reasons of a request in which no id was valid. */
function invalidResults(details: unknown): TrackResult[] {
  const parsed = invalidIdsDetailsSchema.safeParse(details);
  const results = parsed.success ? parsed.data.results : [];
  return results.map((result) => ({ id: result.id, outcome: "invalid", reason: result.reason || "Not a task id." }));
}

const OUTCOME_TEXT = {
  added: "Added",
  already_tracked: "Already tracked",
  invalid: "Not valid",
} as const satisfies Record<TrackResult["outcome"], string>;

function TrackResults({ results }: { results: TrackResult[] }) {
  return (
    <ul
      className="flex max-h-72 flex-col gap-1.5 overflow-y-auto text-sm"
      aria-label="Results"
      data-testid="track-results"
    >
      {results.map((result) => (
        <li key={result.id} className="flex items-start gap-2" data-outcome={result.outcome}>
          {result.outcome === "invalid" ? (
            <CircleXIcon className="mt-0.5 size-4 shrink-0 text-status-failure" aria-hidden="true" />
          ) : (
            <CircleCheckIcon className="mt-0.5 size-4 shrink-0 text-status-success" aria-hidden="true" />
          )}
          <div className="min-w-0">
            <p className="font-mono text-xs break-all">{result.id || "(empty)"}</p>
            <p className="text-xs text-muted-foreground">
              {OUTCOME_TEXT[result.outcome]}
              {result.outcome === "invalid" ? `: ${result.reason}` : ""}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
