import "server-only";

import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";

import type { StorageStatus } from "@/lib/api/task-schemas";

/**
 * Notices when the store can no longer keep what Paddock writes: the SQLite file deleted or
 * replaced under a running process (its open handle would keep writing into a file nobody will
 * ever read again), the file or its directory made read-only, or a write refused by the engine
 * (read-only, disk full, I/O error; PostgreSQL in a read-only transaction). While it is so,
 * writes are refused with a clear 503 and the watcher stops asking the gateway: nothing is
 * acknowledged that was not stored.
 */

export interface StorageMonitor {
  /** Checks the file now (cheap: two system calls) and answers the state. */
  check(): StorageStatus;
  /** The state as last checked. */
  status(): StorageStatus;
  /** A write failed: true when the failure says the store cannot keep writes (and the state now says so). */
  noteWriteError(error: unknown): boolean;
}

const OK: StorageStatus = { state: "ok", message: null, since: null };

interface FileIdentity {
  dev: number;
  ino: number;
}

export function createStorageMonitor(
  options: { sqlitePath: string | null; onChange?: (status: StorageStatus, previous: StorageStatus) => void },
  now: () => number = Date.now,
): StorageMonitor {
  const file = options.sqlitePath && options.sqlitePath !== ":memory:" ? path.resolve(options.sqlitePath) : null;
  const identity = file ? identify(file) : null;
  let current: StorageStatus = OK;
  // A write error is remembered until the file checks out and a while has passed: the engine may refuse again.
  let writeError: { status: StorageStatus; until: number } | null = null;

  function set(next: StorageStatus) {
    if (next.state === current.state && next.message === current.message) return current;
    const previous = current;
    current = next.state === "ok" ? OK : { ...next, since: previous.state === "ok" ? now() : previous.since };
    options.onChange?.(current, previous);
    return current;
  }

  function fileState(): StorageStatus {
    if (!file || !identity) return OK;
    const seen = identify(file);
    if (!seen) {
      return lost("deleted", `The database file ${path.basename(file)} was deleted while Paddock was running.`);
    }
    if (seen.dev !== identity.dev || seen.ino !== identity.ino) {
      return lost(
        "replaced",
        `The database file ${path.basename(file)} was replaced by another file while Paddock was running.`,
      );
    }
    if (!writable(file) || !writable(path.dirname(file))) {
      return lost("read_only", `The database file ${path.basename(file)} or its folder is read-only.`);
    }
    return OK;
  }

  return {
    check() {
      const state = fileState();
      if (state.state !== "ok") return set(state);
      if (writeError && writeError.until > now()) return set(writeError.status);
      writeError = null;
      return set(OK);
    },
    status: () => current,
    noteWriteError(error) {
      const status = storageErrorStatus(error);
      if (!status) return false;
      writeError = { status, until: now() + WRITE_ERROR_HOLD_MS };
      // The file's own state, when it has one, says more than the engine's error.
      const state = fileState();
      set(state.state !== "ok" ? state : status);
      return true;
    },
  };
}

/** How long a refused write keeps writes refused before the store is tried again. */
const WRITE_ERROR_HOLD_MS = 5_000;

function lost(state: StorageStatus["state"], message: string): StorageStatus {
  const hint =
    state === "deleted" || state === "replaced"
      ? "Paddock refuses writes until it is restarted on a database it can keep them in."
      : "Paddock refuses writes until the database can take them again; it checks every few seconds.";
  return { state, message: `${message} ${hint}`, since: null };
}

function identify(file: string): FileIdentity | null {
  try {
    const stats = statSync(file);
    return { dev: stats.dev, ino: stats.ino };
  } catch {
    return null;
  }
}

function writable(target: string): boolean {
  try {
    accessSync(target, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

interface CodedError {
  code?: string;
  message?: string;
}

/** The engine errors that mean "this store cannot keep writes", as a state; null for any other error. */
export function storageErrorStatus(error: unknown): StorageStatus | null {
  const code = (error as CodedError | null)?.code ?? "";
  if (code === "SQLITE_READONLY_DBMOVED") {
    return lost("deleted", "The database file was moved or deleted while Paddock was running.");
  }
  if (code.startsWith("SQLITE_READONLY") || code === "25006") {
    return lost("read_only", "The database refuses writes (it is read-only).");
  }
  if (code === "SQLITE_FULL" || code === "53100") {
    return lost("failed", "The database's disk is full.");
  }
  if (code.startsWith("SQLITE_IOERR") || code === "SQLITE_CANTOPEN" || code.startsWith("SQLITE_CORRUPT")) {
    return lost("failed", `The database file cannot be written (${code}).`);
  }
  if (code === "SQLITE_NOTADB") {
    return lost("replaced", "The database file is no longer a SQLite database.");
  }
  return null;
}
