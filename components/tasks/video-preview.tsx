"use client";

import { DownloadIcon, PlayIcon, TriangleAlertIcon } from "lucide-react";
import { useRef, useState } from "react";

import { useNow } from "@/components/hooks/use-now";
import { CopyButton } from "@/components/tasks/copy-button";
import { formatLocalTime } from "@/lib/tasks/format-time";
import { formatDuration } from "@/lib/tasks/time";
import type { VideoLink } from "@/lib/tasks/video-link";
import { cn } from "@/lib/utils";

interface VideoPreviewProps {
  video: VideoLink;
  title: string;
  /** The task the video belongs to: Paddock serves the download under its name. */
  taskId: string;
  /**
   * Load nothing until asked (a board card): a play button stands where the video will be, and the
   * video is fetched only when someone presses it. The inspector shows its one video at once.
   */
  onDemand?: boolean;
  /**
   * Paddock's archive holds a copy: it plays from Paddock (same origin), and the gateway's link
   * expiring takes nothing away.
   */
  archived?: boolean;
}

const EXPIRY_WARNING_MS = 60 * 60 * 1000;

export function VideoPreview({ video, title, taskId, onDemand = false, archived = false }: VideoPreviewProps) {
  const ref = useRef<HTMLVideoElement>(null);
  const [requested, setRequested] = useState(!onDemand);
  const [playing, setPlaying] = useState(false);
  const [failed, setFailed] = useState(false);
  // Links last hours: the countdown moves by the minute (by the second in its last two minutes, so
  // the link is not called expired early), and only this element re-renders for it.
  const [fine, setFine] = useState(false);
  const now = useNow(fine ? 1000 : 60_000);
  const soon = video.expiresAt !== null && now > 0 && video.expiresAt - now < 2 * 60_000;
  if (soon !== fine) setFine(soon);
  const left = video.expiresAt !== null && now > 0 ? video.expiresAt - now : null;
  const linkExpired = video.expired || (left !== null && left <= 0);
  const expired = linkExpired && !archived;
  const downloadUrl = `/api/tasks/${encodeURIComponent(taskId)}/video`;
  const src = archived ? downloadUrl : video.url;

  function toggle() {
    if (!requested) {
      // The video mounts with autoPlay: a muted preview may start without a further gesture.
      setRequested(true);
      return;
    }
    const element = ref.current;
    if (!element) return;
    if (element.paused) void element.play().catch(() => setFailed(true));
    else element.pause();
  }

  if (!archived && !video.allowed && !expired) return <RefusedVideo url={video.url} />;

  return (
    <div className="flex flex-col gap-2">
      {expired ? (
        <p className="rounded-md border border-dashed p-3 text-sm text-muted-foreground">
          The download link expired{left !== null ? ` ${formatDuration(-left)} ago` : ""}. Links last 24 hours; the
          video is no longer available from this task.
        </p>
      ) : failed ? (
        <p className="rounded-md border border-dashed p-3 text-sm text-muted-foreground">
          The preview could not be loaded.{" "}
          <a className="underline" href={src} target="_blank" rel="noreferrer noopener">
            Open the video in a new tab
          </a>
          {archived ? null : (
            <>
              {" "}
              or copy its link <CopyButton value={video.url} label="Copy the video link" />
            </>
          )}
        </p>
      ) : (
        <div className="relative overflow-hidden rounded-md bg-black">
          {requested ? (
            <video
              ref={ref}
              src={src}
              muted
              loop
              playsInline
              autoPlay={onDemand}
              preload="metadata"
              aria-label={`Preview of ${title}`}
              className="aspect-video w-full cursor-pointer object-contain"
              onClick={toggle}
              onPlay={() => setPlaying(true)}
              onPause={() => setPlaying(false)}
              onError={() => setFailed(true)}
            />
          ) : (
            <div className="aspect-video w-full" data-testid="video-placeholder" />
          )}
          {playing ? null : (
            <button
              type="button"
              onClick={toggle}
              className="absolute inset-0 flex items-center justify-center bg-black/20 text-white transition-colors hover:bg-black/30 focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none"
              aria-label={`Play preview of ${title}`}
            >
              <PlayIcon className="size-10 drop-shadow" aria-hidden="true" />
            </button>
          )}
        </div>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs">
        {expired ? (
          <span className="font-medium text-status-failure">Link expired</span>
        ) : (
          <a
            href={`${downloadUrl}?download=1`}
            download
            className="inline-flex items-center gap-1 font-medium underline-offset-4 hover:underline"
          >
            <DownloadIcon className="size-3.5" aria-hidden="true" /> Download
          </a>
        )}
        {archived ? (
          <span className="text-muted-foreground" data-testid="video-source">
            {linkExpired ? "Playing Paddock's copy (the gateway's link has expired)" : "Playing Paddock's copy"}
          </span>
        ) : !expired && left !== null ? (
          <span
            className={cn(
              "tabular-nums",
              left < EXPIRY_WARNING_MS ? "font-medium text-status-running" : "text-muted-foreground",
            )}
            onPointerEnter={(event) => {
              // The hover text is made when pointed at, not on each tick of the countdown in every card.
              if (video.expiresAt !== null) {
                event.currentTarget.title = `Expires ${formatLocalTime(video.expiresAt, false)}`;
              }
            }}
          >
            Link expires in {formatDuration(left)}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** A link on a host Paddock is not configured for, or not https: shown as text, never loaded or linked. */
function RefusedVideo({ url }: { url: string }) {
  return (
    <div
      role="note"
      className="flex flex-col gap-1 rounded-md border border-status-running/40 bg-status-running/5 p-3 text-sm"
    >
      <p className="flex items-center gap-1.5 font-medium">
        <TriangleAlertIcon className="size-4 shrink-0 text-status-running" aria-hidden="true" />
        Video not shown: its link is not on a configured video host
      </p>
      <p className="text-xs text-muted-foreground">
        Paddock plays and downloads videos only over https from the hosts in PADDOCK_VIDEO_HOSTS. Check the link before
        opening it:
      </p>
      <code className="block max-h-16 overflow-auto rounded bg-muted px-2 py-1 text-xs break-all">{url}</code>
    </div>
  );
}
