"use client";

import { BellIcon, BellOffIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useSyncExternalStore } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import type { TaskChange } from "@/lib/api/change-schemas";
import { type BoardResponse, taskResponseSchema, type TrackedTask } from "@/lib/api/task-schemas";
import { changesRequest } from "@/lib/api-client/changes";
import { apiFetch } from "@/lib/api-client/fetch";
import { shortTaskId } from "@/lib/happyhorse/task-id";
import { platformStatus } from "@/lib/tasks/status";

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

/**
 * The notification permission, read once per page: `Notification.permission` asks the browser
 * process synchronously (0.1 to 14 ms a read here), and a store's snapshot is read on every render.
 * A change made in the site settings arrives through the Permissions API, or is read again when
 * the tab comes back into view (where that API is missing).
 */
let permission: NotificationPermission | undefined;
let watching = false;

function rememberPermission(value: NotificationPermission) {
  permission = value;
  if (watching) return;
  watching = true;
  const reread = () => {
    const next = Notification.permission;
    if (next === permission) return;
    permission = next;
    for (const notify of listeners) notify();
  };
  document.addEventListener("visibilitychange", reread);
  void navigator.permissions
    ?.query({ name: "notifications" })
    .then((status) => status.addEventListener("change", reread))
    .catch(() => undefined);
}

function notificationPermission(): NotificationPermission {
  if (permission === undefined) rememberPermission(Notification.permission);
  return permission ?? "default";
}

/** Where storage is refused (privacy settings), the choice lasts as long as the page. */
let pageOptIn = false;

/** The opt-in stored in this browser. */
function storedOptIn(): boolean {
  try {
    return window.localStorage.getItem(OPT_IN_KEY) === "on";
  } catch {
    return pageOptIn;
  }
}

/** Whether this browser asked for notifications and the permission stands (its own choice first: cheap). */
function optedIn(): boolean {
  return storedOptIn() && typeof Notification !== "undefined" && notificationPermission() === "granted";
}

function setOptIn(on: boolean) {
  pageOptIn = on;
  try {
    window.localStorage.setItem(OPT_IN_KEY, on ? "on" : "off");
  } catch {
    // refused storage: the choice lasts as long as the page
  }
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
    const answer =
      Notification.permission === "default" ? await Notification.requestPermission() : Notification.permission;
    rememberPermission(answer);
    if (answer !== "granted") {
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
 * The tab's title ("2 generating · 1 failed · Board · Paddock") and, once opted in, a notification
 * for each task that ends while the page is open, whatever the board's filters show: they are read
 * from the change log (from the board's version when the page opened), not from the tasks on
 * screen, so a task that leaves an "active" view as it ends is still announced.
 */
export function useBoardSignals(
  tasks: readonly TrackedTask[],
  board: Pick<BoardResponse, "counts" | "version" | "pollIntervalMs"> | undefined,
) {
  const on = useNotificationsOptIn();
  const router = useRouter();
  const counts = board?.counts;
  // Read by the follower when it needs them, never a reason to start it again.
  const loaded = useEffectEvent((id: string) => tasks.find((task) => task.id === id) ?? null);
  const version = useEffectEvent(() => board?.version ?? 0);
  const pollMs = board?.pollIntervalMs ?? 5000;
  const ready = board !== undefined;

  useEffect(() => {
    if (!counts) return;
    const parts = [
      counts.active > 0 ? `${counts.active} generating` : null,
      counts.failed > 0 ? `${counts.failed} failed` : null,
    ].filter(Boolean);
    const base = "Board · Paddock";
    const wanted = parts.length > 0 ? `${parts.join(" · ")} · ${base}` : base;
    const apply = () => {
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    // Next puts the page's own metadata title back when it renders the head again after hydration:
    // the counts are put back at once, not at the next change of the board.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = base;
    };
  }, [counts]);

  useEffect(() => {
    if (!on || !ready) return;
    // From the board's version when the follower starts (the page opened, or the bell was turned on).
    let cursor = version();
    let busy = false;
    const told = new Set<string>();
    const follow = async () => {
      if (busy) return;
      busy = true;
      try {
        for (let more = true; more;) {
          const page = await changesRequest(cursor, ENDING_KINDS);
          for (const change of page.changes) {
            const outcome = outcomeOf(change);
            if (!outcome || told.has(change.taskId)) continue;
            told.add(change.taskId);
            const task = loaded(change.taskId) ?? (await lookUp(change.taskId));
            notify(change.taskId, outcome, task, () => router.push(`/tasks/${encodeURIComponent(change.taskId)}`));
          }
          cursor = page.cursor;
          more = page.more;
        }
      } catch {
        // The board's own polls say when Paddock cannot be reached; the next tick reads on.
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void follow(), pollMs);
    return () => clearInterval(timer);
  }, [on, ready, pollMs, router]);
}

const ENDING_KINDS = ["changed", "stopped"] as const;
type Outcome = "is done" | "failed" | "ended" | "stopped being watched";

/** A change that ends a task, and how; null for any other. */
function outcomeOf(change: TaskChange): Outcome | null {
  if (change.kind === "stopped") return "stopped being watched";
  if (change.kind !== "changed" || change.status === null) return null;
  const status = platformStatus(change.status);
  if (!status.terminal) return null;
  return status.tone === "success" ? "is done" : status.tone === "failure" ? "failed" : "ended";
}

async function lookUp(id: string): Promise<TrackedTask | null> {
  try {
    return (await apiFetch(`/api/tasks/${encodeURIComponent(id)}`, taskResponseSchema)).task;
  } catch {
    return null;
  }
}

function notify(id: string, outcome: Outcome, task: TrackedTask | null, open: () => void) {
  const view = task?.view;
  const title = `${task?.label ? `${task.label}: ` : ""}task ${outcome}`;
  const body = [view?.prompt?.slice(0, 120), view?.failure?.message?.slice(0, 160), shortTaskId(id)]
    .filter(Boolean)
    .join("\n");
  const notification = new Notification(title, { body, tag: id });
  notification.onclick = () => {
    window.focus();
    open();
  };
}
