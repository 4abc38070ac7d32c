"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CopyIcon, DownloadIcon, TagIcon, Trash2Icon, XIcon } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { TrackedTask } from "@/lib/api/task-schemas";
import { setLabelRequest, taskKeys, untrackTaskRequest } from "@/lib/api-client/tasks";
import { checkLabel, LABEL_MAX_LENGTH } from "@/lib/tasks/label";
import { CSV_BOM, csvRow, isoTime } from "@/lib/usage/csv";

/**
 * What can be done to the tasks selected in the table at once: copy their ids, export them as CSV,
 * set or clear their label, stop tracking them. Requests go a few at a time; the answer says how
 * many worked and keeps the ones that did not selected.
 */

const CONCURRENCY = 4;

async function eachTask(ids: string[], run: (id: string) => Promise<unknown>): Promise<string[]> {
  const failed: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, ids.length) }, async () => {
      while (next < ids.length) {
        const id = ids[next];
        next += 1;
        if (id === undefined) continue;
        await run(id).catch(() => failed.push(id));
      }
    }),
  );
  return failed;
}

function selectionCsv(tasks: TrackedTask[]): string {
  const header = csvRow([
    "task_id",
    "status",
    "kind",
    "label",
    "prompt",
    "progress",
    "queue_wait_ms",
    "generation_ms",
    "submitted_at",
  ]);
  const rows = tasks.map((task) =>
    csvRow([
      task.id,
      task.view?.status.value ?? "",
      task.view?.action.value ?? "",
      task.label,
      task.view?.prompt,
      task.view?.progress,
      task.view?.durations.queueWaitMs,
      task.view?.durations.generationMs,
      isoTime(task.view?.platformTimes.submittedAt),
    ]),
  );
  return CSV_BOM + header + rows.join("");
}

interface BulkActionsProps {
  selected: TrackedTask[];
  onSelect: (ids: string[]) => void;
}

export function BulkActions({ selected, onSelect }: BulkActionsProps) {
  const queryClient = useQueryClient();
  const [label, setLabel] = useState("");
  const [armed, setArmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const labelId = useId();
  const ids = selected.map((task) => task.id);
  if (selected.length === 0) return null;

  /** Runs `request` for each selected task; untracked tasks leave the selection, the others stay. */
  async function run(what: string, request: (id: string) => Promise<unknown>, removes: boolean) {
    setBusy(true);
    const failed = await eachTask(ids, request);
    setBusy(false);
    setArmed(false);
    await queryClient.invalidateQueries({ queryKey: taskKeys.all });
    const done = ids.length - failed.length;
    if (failed.length === 0) toast.success(`${what}: ${done} task${done === 1 ? "" : "s"}.`);
    else toast.error(`${what}: ${done} done, ${failed.length} refused; those stay selected.`);
    onSelect(removes ? failed : ids);
  }

  function applyLabel(event: React.FormEvent) {
    event.preventDefault();
    const check = checkLabel(label);
    if (!check.ok) {
      toast.error(check.reason);
      return;
    }
    void run(
      check.label ? `Label “${check.label}” set` : "Label cleared",
      (id) => setLabelRequest(id, check.label),
      false,
    );
  }

  function download() {
    const blob = new Blob([selectionCsv(selected)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = `paddock-selection-${selected.length}-tasks.csv`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div
      role="region"
      aria-label="Selected tasks"
      data-testid="bulk-actions"
      className="flex flex-wrap items-center gap-2 rounded-lg border bg-muted/50 px-3 py-2 text-sm"
    >
      <span className="font-medium" aria-live="polite">
        {selected.length} selected
      </span>
      <Button variant="ghost" size="sm" onClick={() => onSelect([])} disabled={busy}>
        <XIcon aria-hidden="true" />
        Clear
      </Button>
      <Button
        variant="outline"
        size="sm"
        onClick={() =>
          void navigator.clipboard.writeText(ids.join("\n")).then(
            () => toast.success(`Copied ${ids.length} id${ids.length === 1 ? "" : "s"}.`),
            () => toast.error("The clipboard refused the ids."),
          )
        }
      >
        <CopyIcon aria-hidden="true" />
        Copy ids
      </Button>
      <Button variant="outline" size="sm" onClick={download}>
        <DownloadIcon aria-hidden="true" />
        Export CSV
      </Button>
      <form onSubmit={applyLabel} className="flex items-center gap-1">
        <label htmlFor={labelId} className="sr-only">
          Label for the selected tasks (empty clears it)
        </label>
        <Input
          id={labelId}
          value={label}
          onChange={(event) => setLabel(event.target.value)}
          maxLength={LABEL_MAX_LENGTH}
          placeholder="Label (empty clears)"
          className="h-8 w-44"
        />
        <Button type="submit" variant="outline" size="sm" disabled={busy}>
          <TagIcon aria-hidden="true" />
          Set label
        </Button>
      </form>
      <Button
        variant={armed ? "destructive" : "outline"}
        size="sm"
        disabled={busy}
        onBlur={() => setArmed(false)}
        onKeyDown={(event) => {
          if (event.key === "Escape") setArmed(false);
        }}
        onClick={() => (armed ? void run("Stopped tracking", untrackTaskRequest, true) : setArmed(true))}
      >
        <Trash2Icon aria-hidden="true" />
        {armed ? `Untrack ${selected.length}? Press again` : "Untrack"}
      </Button>
    </div>
  );
}
