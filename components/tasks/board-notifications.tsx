"use client";

import { BellIcon, BellOffIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import type { BoardResponse, TrackedTask } from "@/lib/api/task-schemas";
import { shortTaskId } from "@/lib/happyhorse/task-id";

/**
 * What the board tells people who are not looking at it: the tab's title counts what is
 * generating and what failed, and, once someone opts in, a desktop notification when a task on
 * the board ends. The choice is kept in this browser.
 */

const OPT_IN_KEY = "paddock-notify";
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether this browser asked for notifications and the permission stands. */
function optedIn(): boolean {
  return (
    typeof Notification !== "undefined" &&
    Notification.permission === "granted" &&
    window.localStorage.getItem(OPT_IN_KEY) === "on"
  );
}

function setOptIn(on: boolean) {
  window.localStorage.setItem(OPT_IN_KEY, on ? "on" : "off");
  for (const notify of listeners) notify();
}

export function useNotificationsOptIn(): boolean {
  return useSyncExternalStore(subscribe, optedIn, () => false);
}

/** The bell: asks for permission once, then turns the notifications on and off. */
export function NotifyToggle() {
  const on = useNotificationsOptIn();
  // Assumed on the server, so the bell holds its place in the first paint (nothing moves after).
  const supported = useSyncExternalStore(
    subscribe,
    () => typeof Notification !== "undefined",
    () => true,
  );
  if (!supported) return null;

  async function toggle() {
    if (on) {
      setOptIn(false);
      return;
    }
    const permission =
      Notification.permission === "default" ? await Notification.requestPermission() : Notification.permission;
    if (permission !== "granted") {
      toast.error("This browser blocks Paddock's notifications: allow them in the site settings to be told.");
      return;
    }
    setOptIn(true);
    toast.success("You will be told when a task on the board ends.");
  }

  return (
    <Button
      type="button"
      variant="ghost"
      size="icon-sm"
      onClick={() => void toggle()}
      aria-pressed={on}
      aria-label={on ? "Stop desktop notifications" : "Notify me when a task ends"}
      title={on ? "Stop desktop notifications" : "Notify me when a task ends"}
      data-testid="notify-toggle"
    >
      {on ? <BellIcon /> : <BellOffIcon className="text-muted-foreground" />}
    </Button>
  );
}

/**
 * The tab's title ("2 generating · 1 failed · Board · Paddock") and a notification for each task
 * on the board that ends while the page is open (not for those that had ended before it opened).
 */
export function useBoardSignals(tasks: readonly TrackedTask[], counts: BoardResponse["counts"] | undefined) {
  const on = useNotificationsOptIn();
  const router = useRouter();
  const seen = useRef(new Map<string, boolean>());

  useEffect(() => {
    if (!counts) return;
    const parts = [
      counts.active > 0 ? `${counts.active} generating` : null,
      counts.failed > 0 ? `${counts.failed} failed` : null,
    ].filter(Boolean);
    const base = "Board · Paddock";
    document.title = parts.length > 0 ? `${parts.join(" · ")} · ${base}` : base;
    return () => {
      document.title = base;
    };
  }, [counts]);

  useEffect(() => {
    const before = seen.current;
    const now = new Map(tasks.map((task) => [task.id, isEnded(task)]));
    if (on) {
      for (const task of tasks) {
        if (before.get(task.id) === false && now.get(task.id) === true) {
          notify(task, () => router.push(`/tasks/${encodeURIComponent(task.id)}`));
        }
      }
    }
    // Tasks not loaded any more keep their last state (a later page may show them again).
    for (const [id, ended] of now) before.set(id, ended);
  }, [tasks, on, router]);
}

const isEnded = (task: TrackedTask) => Boolean(task.view?.status.terminal || task.stopped);

function notify(task: TrackedTask, open: () => void) {
  const view = task.view;
  const outcome = task.stopped
    ? "stopped being watched"
    : view?.group === "succeeded"
      ? "is done"
      : view?.group === "failed"
        ? "failed"
        : "ended";
  const title = `${task.label ? `${task.label}: ` : ""}task ${outcome}`;
  const body = [view?.prompt?.slice(0, 120), view?.failure?.message?.slice(0, 160), shortTaskId(task.id)]
    .filter(Boolean)
    .join("\n");
  const notification = new Notification(title, { body, tag: task.id });
  notification.onclick = () => {
    window.focus();
    open();
  };
}
