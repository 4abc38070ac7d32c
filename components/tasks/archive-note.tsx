"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ArchiveIcon, ArchiveXIcon, HardDriveDownloadIcon, RotateCwIcon, TriangleAlertIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";

import { useNow } from "@/components/hooks/use-now";
import { Button } from "@/components/ui/button";
import type { ArchiveCopy } from "@/lib/api/task-schemas";
import { deleteArchiveRequest, saveArchiveRequest, taskKeys } from "@/lib/api-client/tasks";
import { formatBytes } from "@/lib/tasks/bytes";
import type { VideoLink } from "@/lib/tasks/video-link";
import { cn } from "@/lib/utils";

/**
 * What became of the video's copy in Paddock: being saved (and why the last try failed, while it
 * tries again), saved, given up, or removed. One line on a card, the same words in the inspector.
 */
export function ArchiveNote({ archive, className }: { archive: ArchiveCopy; className?: string }) {
  const { state, detail, bytes } = archive;
  const tone = {
    saving: "text-muted-foreground",
    saved: "text-status-success",
    failed: "text-status-failure",
    deleted: "text-muted-foreground",
  }[state];
  const Icon = { saving: HardDriveDownloadIcon, saved: ArchiveIcon, failed: TriangleAlertIcon, deleted: ArchiveXIcon }[
    state
  ];
  const text =
    state === "saving"
      ? detail
        ? `Saving a copy in Paddock; the last try failed: ${detail} Trying again.`
        : "Saving a copy in Paddock…"
      : state === "saved"
        ? `Saved in Paddock${bytes !== null ? ` · ${formatBytes(bytes)}` : ""}: plays after the link expires`
        : state === "failed"
          ? `Could not save a copy: ${detail ?? "unknown reason."}`
          : `Saved copy removed. ${detail ?? ""}`;
  return (
    <p
      className={cn("flex items-start gap-1.5 text-xs", tone, className)}
      data-testid="archive-note"
      data-archive-state={state}
      role={state === "failed" ? "status" : undefined}
    >
      <Icon className="mt-px size-3.5 shrink-0" aria-hidden="true" />
      <span>{text}</span>
    </p>
  );
}

interface ArchiveControlsProps {
  id: string;
  archive: ArchiveCopy;
  /** The gateway's link: a copy can be saved again only while it works. */
  video: VideoLink;
}

/**
 * The inspector's controls for the copy: delete it (two presses, as untracking), or save it again
 * after a failure or a removal while the gateway's link still works.
 */
export function ArchiveControls({ id, archive, video }: ArchiveControlsProps) {
  const queryClient = useQueryClient();
  const now = useNow();
  const linkAlive = video.allowed && !video.expired && (video.expiresAt === null || video.expiresAt > now);
  const [armed, setArmed] = useState(false);
  const settle = () => queryClient.invalidateQueries({ queryKey: taskKeys.all });
  const remove = useMutation({
    mutationFn: () => deleteArchiveRequest(id),
    onSuccess: () => toast.success("The saved copy was deleted."),
    onError: (error) => toast.error("Could not delete the saved copy", { description: error.message }),
    onSettled: () => {
      setArmed(false);
      return settle();
    },
  });
  const save = useMutation({
    mutationFn: () => saveArchiveRequest(id),
    onSuccess: () => toast.success("Saving a copy of the video."),
    onError: (error) => toast.error("Could not save the video again", { description: error.message }),
    onSettled: settle,
  });

  if (archive.state === "saved") {
    return armed ? (
      <Button
        type="button"
        variant="destructive"
        size="sm"
        autoFocus
        disabled={remove.isPending}
        onClick={() => remove.mutate()}
        onBlur={() => {
          if (!remove.isPending) setArmed(false);
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") setArmed(false);
        }}
      >
        Delete the saved copy? Press again
      </Button>
    ) : (
      <Button type="button" variant="outline" size="sm" onClick={() => setArmed(true)}>
        <ArchiveXIcon aria-hidden="true" /> Delete saved copy
      </Button>
    );
  }
  if ((archive.state === "failed" || archive.state === "deleted") && linkAlive) {
    return (
      <Button type="button" variant="outline" size="sm" disabled={save.isPending} onClick={() => save.mutate()}>
        <RotateCwIcon aria-hidden="true" /> Save a copy again
      </Button>
    );
  }
  return null;
}
