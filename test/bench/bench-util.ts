import { readFileSync } from "node:fs";

/** Small helpers the benchmark's cases share. */

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The value at quantile `q` (0-1) of `values`, nearest rank; 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Tracks ids at a Paddock (up to 500 at once, as the API takes them). */
export async function track(url: string, ids: readonly string[]): Promise<void> {
  const response = await fetch(`${url}/api/tasks`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ids }),
  });
  if (!response.ok) throw new Error(`tracking answered ${response.status}`);
}

/**
 * The server's own pid under startPaddock's `timeout` wrapper (its only child), so its memory is
 * read and not the wrapper's.
 */
export function serverPid(wrapperPid: number): number {
  const children = readFileSync(`/proc/${wrapperPid}/task/${wrapperPid}/children`, "utf8").trim().split(/\s+/);
  const pid = Number(children[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error("the server process was not found");
  return pid;
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return round(kb / 1024);
}
