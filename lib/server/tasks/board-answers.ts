import "server-only";

import { createHash } from "node:crypto";

import type { SharedAnswer } from "@/lib/server/http/respond";
import type { Runtime } from "@/lib/server/runtime";
import {
  type BoardState,
  boardVersion,
  loadBoard,
  loadBoardChanges,
  quietWatcher,
  readBoardState,
} from "@/lib/server/tasks/task-reads";
import type { BoardPage, BoardQuery } from "@/lib/tasks/board-query";

/**
 * Board answers, built once per version and view, not once per viewer: twenty people watching the
 * same board cost one read of the tasks and one serialization. An answer is kept while the change
 * log, the watcher, the gateway and the store say what they said when it was built, and for a few
 * seconds at most (what is derived from the clock, a stuck warning, moves on its own).
 */

export type BoardAnswer =
  | { ok: true; answer: SharedAnswer; shared: boolean }
  | { ok: false; reason: "bad_cursor" }
  | { ok: false; reason: "ahead"; latest: number };

export type BoardRequest = { query: BoardQuery } & ({ page: BoardPage; since: null } | { page: null; since: number });

const MAX_AGE_MS = 5_000;
const MAX_ENTRIES = 64;

interface Kept {
  state: string;
  at: number;
  /** Viewers who arrive while it is being built wait for the same build. */
  answer: Promise<BoardAnswer>;
}

/** Per runtime (one per store): answers of one store are never served from another's. */
const keptByRuntime = new WeakMap<Runtime, Map<string, Kept>>();

export async function boardAnswer(runtime: Runtime, request: BoardRequest): Promise<BoardAnswer> {
  let answers = keptByRuntime.get(runtime);
  if (!answers) {
    answers = new Map();
    keptByRuntime.set(runtime, answers);
  }
  const state = await readBoardState(runtime);
  const fingerprint = JSON.stringify([state.version, state.gateway, quietWatcher(state.watcher), state.storage]);
  const key = JSON.stringify([request.query, request.page, request.since]);
  const now = Date.now();
  const kept = answers.get(key);
  if (kept && kept.state === fingerprint && now - kept.at < MAX_AGE_MS) {
    const answer = await kept.answer;
    return answer.ok ? { ...answer, shared: true } : answer;
  }

  const answer = build(runtime, request, state);
  answers.delete(key);
  answers.set(key, { state: fingerprint, at: now, answer });
  // The oldest entries go first (a Map keeps insertion order).
  while (answers.size > MAX_ENTRIES) {
    const oldest = answers.keys().next().value;
    if (oldest === undefined) break;
    answers.delete(oldest);
  }
  // A failed build is not kept: the next viewer tries again.
  answer.catch(() => {
    if (answers.get(key)?.answer === answer) answers.delete(key);
  });
  return answer;
}

async function build(runtime: Runtime, request: BoardRequest, state: BoardState): Promise<BoardAnswer> {
  const result =
    request.since === null
      ? await loadBoard(runtime, request.query, request.page, state)
      : await loadBoardChanges(runtime, request.query, request.since, state);
  if (!result.ok) return result;
  return {
    ok: true,
    answer: { bytes: new TextEncoder().encode(JSON.stringify(result.body)), etag: etagOf(boardVersion(result.body)) },
    shared: false,
  };
}

export function etagOf(version: string): string {
  return `"${createHash("sha256").update(version).digest("base64url").slice(0, 27)}"`;
}
