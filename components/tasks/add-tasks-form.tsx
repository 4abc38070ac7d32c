"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { InfoIcon } from "lucide-react";
import type * as React from "react";
import { useId, useState } from "react";
import { toast } from "sonner";

import { TrackResults } from "@/components/tasks/track-results";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { MAX_IDS_PER_REQUEST as MAX_IDS } from "@/lib/api/limits";
import type { TrackResponse } from "@/lib/api/task-schemas";
import { taskKeys, trackTasksRequest } from "@/lib/api-client/tasks";
import { checkTaskId, splitPastedIds, TASK_ID_FORMS } from "@/lib/happyhorse/task-id";
import { checkLabel, LABEL_MAX_LENGTH } from "@/lib/tasks/label";

interface AddTasksFormProps {
  demo: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opened the dialog: focus goes back to it when the dialog closes. */
  trigger: React.RefObject<HTMLButtonElement | null>;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * Pasting ids to watch. Invalid ids are listed with the reason as you type and never sent; a
 * fully successful add closes the dialog with a toast, anything else shows what happened per id.
 * Loaded when the dialog first opens (see AddTasksDialog).
 */
export function AddTasksForm({ demo, open, onOpenChange, trigger }: AddTasksFormProps) {
  const [text, setText] = useState("");
  const [label, setLabel] = useState("");
  const labelCheck = checkLabel(label);
  const queryClient = useQueryClient();
  const inputId = useId();
  const ids = splitPastedIds(text);
  const checks = ids.map((id) => ({ id, check: checkTaskId(id) }));
  const valid = checks.flatMap(({ check }) => (check.ok ? [check.id] : []));
  const invalid = checks.flatMap(({ id, check }) =>
    check.ok ? [] : [{ id, outcome: "invalid" as const, reason: check.reason }],
  );
  const mutation = useMutation({
    mutationFn: (request: { ids: string[]; label: string | null }) => trackTasksRequest(request.ids, request.label),
    onSuccess: (response) => {
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      if (response.invalid === 0) {
        changeOpen(false);
        toast.success(addedMessage(response));
      }
    },
  });

  function changeOpen(next: boolean) {
    onOpenChange(next);
    if (!next) {
      setText("");
      setLabel("");
      mutation.reset();
    }
  }

  const canSubmit = valid.length > 0 && ids.length <= MAX_IDS && !mutation.isPending && labelCheck.ok;
  function submit() {
    if (canSubmit && labelCheck.ok) mutation.mutate({ ids: valid, label: labelCheck.label });
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          trigger.current?.focus();
        }}
      >
        <DialogHeader>
          <DialogTitle>Add tasks to watch</DialogTitle>
          <DialogDescription>
            Paste one or many task ids ({TASK_ID_FORMS}), separated by spaces, commas or new lines.
          </DialogDescription>
        </DialogHeader>

        {mutation.isSuccess ? (
          <TrackResults results={[...mutation.data.results]} />
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
              placeholder={"task_NeZDhfDeo4heZr75LOequdV3KvYhPBCK\nasyntask_…"}
              rows={5}
              className="max-h-64 font-mono text-xs"
              autoFocus
            />
            <p className="text-xs text-muted-foreground" aria-live="polite" data-testid="id-count">
              {ids.length === 0
                ? "No ids yet."
                : invalid.length === 0
                  ? `${plural(valid.length, "valid id")}.`
                  : `${plural(ids.length, "id")}: ${valid.length} valid, ${invalid.length} not valid (not sent).`}
              {ids.length > MAX_IDS ? ` At most ${MAX_IDS} at once.` : ""}
            </p>
            {invalid.length > 0 ? <TrackResults results={invalid.slice(0, 20)} label="Ids that are not valid" /> : null}
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
              <Button type="submit" disabled={!canSubmit}>
                {mutation.isPending ? "Adding…" : `Track ${plural(valid.length, "valid id")}`}
              </Button>
            </DialogFooter>
          </form>
        )}
        {mutation.isSuccess ? (
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

function addedMessage(response: TrackResponse): string {
  const added = response.added > 0 ? `Tracking ${plural(response.added, "new task")}` : "Nothing new to track";
  return response.alreadyTracked > 0 ? `${added} (${response.alreadyTracked} already tracked)` : added;
}
