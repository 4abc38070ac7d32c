"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CopyIcon, DownloadIcon, RefreshCwIcon, TagIcon, Trash2Icon, XIcon } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { MAX_BULK_TASKS } from "@/lib/api/limits";
import type { TrackedTask } from "@/lib/api/task-schemas";
import type { BulkAction } from "@/lib/api/task-schemas";
import { bulkRequest, matchingCsvUrl, matchingIdsRequest, taskKeys } from "@/lib/api-client/tasks";
import { formatNumber } from "@/lib/format/number";
import type { BoardQuery } from "@/lib/tasks/board-query";
import { checkLabel, LABEL_MAX_LENGTH } from "@/lib/tasks/label";
import { TASK_CSV_HEADER, taskCsvRow } from "@/lib/tasks/task-csv";
import { CSV_BOM } from "@/lib/usage/csv";

/**
 * What can be done to the tasks selected in the table at once: copy their ids, export them as CSV,
 * set or clear their label, ask for them again now, stop tracking them. A selection is the rows
 * picked, or every task matching the board's filters (loaded or not): the server then resolves
 * the filter itself. Each action is one request; the answer says how many it touched.
 */

function selectionCsv(tasks: TrackedTask[]): string {
  return CSV_BOM + TASK_CSV_HEADER + tasks.map(taskCsvRow).join("");
}

const plural = (count: number, word: string) => `${formatNumber(count)} ${word}${count === 1 ? "" : "s"}`;

interface BulkActionsProps {
  selected: TrackedTask[];
  onSelect: (ids: string[]) => void;
  /** The board's filters and how many tasks they let through, for "select all matching". */
  query: BoardQuery;
  total: number;
  /** Every loaded task is selected: offer the whole filtered set. */
  allLoaded: boolean;
  allMatching: boolean;
  onAllMatching: (all: boolean) => void;
}

export function BulkActions({
  selected,
  onSelect,
  query,
  total,
  allLoaded,
  allMatching,
  onAllMatching,
}: BulkActionsProps) {
  const queryClient = useQueryClient();
  const [label, setLabel] = useState("");
  const [armed, setArmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const labelId = useId();
  const ids = selected.map((task) => task.id);
  if (selected.length === 0 && !allMatching) return null;
  const count = allMatching ? total : selected.length;
  const target = allMatching ? { query, expected: total } : { ids };

  async function run(what: string, action: BulkAction, actionLabel: string | null = null) {
    setBusy(true);
    try {
      const answer = await bulkRequest(action, target, actionLabel);
      const skipped = answer.matched - answer.done;
      const why = action === "refresh" ? "finished, nothing more to ask" : "no longer tracked";
      toast.success(
        `${what}: ${plural(answer.done, "task")}${skipped > 0 ? ` (${formatNumber(skipped)} ${why})` : ""}.`,
      );
      if (action === "untrack") {
        onAllMatching(false);
        onSelect([]);
      }
    } catch (error) {
      toast.error(`${what}: ${error instanceof Error ? error.message : "the request failed"}. The selection is kept.`);
    } finally {
      setBusy(false);
      setArmed(false);
      await queryClient.invalidateQueries({ queryKey: taskKeys.all });
    }
  }

  function applyLabel(event: React.FormEvent) {
    event.preventDefault();
    const check = checkLabel(label);
    if (!check.ok) {
      toast.error(check.reason);
      return;
    }
    void run(check.label ? `Label “${check.label}” set` : "Label cleared", "label", check.label);
  }

  async function copyIds() {
    try {
      const matching = allMatching ? await matchingIdsRequest(query) : null;
      const list = matching ? matching.ids : ids;
      await navigator.clipboard.writeText(list.join("\n"));
      // The server gives at most MAX_BULK_TASKS ids: say so rather than copy part of them silently.
      if (matching && matching.total > list.length) {
        toast.warning(
          `Copied the first ${plural(list.length, "id")} of ${formatNumber(matching.total)}: narrow the filters to copy the rest.`,
        );
      } else {
        toast.success(`Copied ${plural(list.length, "id")}.`);
      }
    } catch {
      toast.error("The ids could not be copied.");
    }
  }

  function download() {
    const link = document.createElement("a");
    if (allMatching) {
      link.href = matchingCsvUrl(query);
      link.download = "";
      link.click();
      if (total > MAX_BULK_TASKS) {
        toast.warning(
          `The CSV holds the first ${formatNumber(MAX_BULK_TASKS)} of ${formatNumber(total)} matching tasks: narrow the filters to export the rest.`,
        );
      }
      return;
    }
    const blob = new Blob([selectionCsv(selected)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
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
      <span className="font-medium" aria-live="polite" data-testid="selection-count">
        {allMatching ? `All ${formatNumber(total)} matching tasks selected` : `${count} selected`}
      </span>
      {allLoaded && !allMatching && total > selected.length ? (
        <Button variant="link" size="sm" className="px-1" onClick={() => onAllMatching(true)}>
          Select all {formatNumber(total)} matching
        </Button>
      ) : null}
      <Button
        variant="ghost"
        size="sm"
        onClick={() => {
          onAllMatching(false);
          onSelect([]);
        }}
        disabled={busy}
      >
        <XIcon aria-hidden="true" />
        Clear
      </Button>
      <Button variant="outline" size="sm" onClick={() => void copyIds()}>
        <CopyIcon aria-hidden="true" />
        Copy ids
      </Button>
      <Button variant="outline" size="sm" onClick={download}>
        <DownloadIcon aria-hidden="true" />
        Export CSV
      </Button>
      <Button variant="outline" size="sm" disabled={busy} onClick={() => void run("Asked again now", "refresh")}>
        <RefreshCwIcon aria-hidden="true" />
        Refresh now
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
        onClick={() => (armed ? void run("Stopped tracking", "untrack") : setArmed(true))}
      >
        <Trash2Icon aria-hidden="true" />
        {armed ? `Untrack ${formatNumber(count)}? Press again` : "Untrack"}
      </Button>
    </div>
  );
}
