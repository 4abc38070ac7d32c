import { readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

/**
 * First Load JS (gzip) of each page route, from the build output: the root main files plus
 * every chunk the route's client reference manifest lists for its segments.
 */

const NEXT_DIR = ".next";

interface RscManifest {
  entryJSFiles?: Record<string, string[]>;
}

function manifestFor(route: string): RscManifest {
  const file = path.join(NEXT_DIR, "server", "app", route === "/" ? "" : route, "page_client-reference-manifest.js");
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, RscManifest> } = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(file, "utf8"), sandbox);
  const manifests = Object.values(sandbox.__RSC_MANIFEST ?? {});
  return manifests[0] ?? {};
}

function gzipSize(file: string): number {
  return gzipSync(readFileSync(path.join(NEXT_DIR, file))).length;
}

export function firstLoadJs(route: string, extra: string[] = []): { files: number; gzipBytes: number } {
  const build = JSON.parse(readFileSync(path.join(NEXT_DIR, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const entries = Object.values(manifestFor(route).entryJSFiles ?? {}).flat();
  const files = new Set([...build.rootMainFiles, ...entries, ...extra]);
  let gzipBytes = 0;
  for (const file of files) gzipBytes += gzipSize(file);
  return { files: files.size, gzipBytes };
}

/**
 * The board's table is loaded on demand (next/dynamic), but it is what a team's board opens as
 * (above a few dozen tasks), so its chunks load with the page then: found in the board's loadable
 * manifest as the import whose code renders the table's scroll area.
 */
function tableChunks(): string[] {
  const manifest = JSON.parse(
    readFileSync(path.join(NEXT_DIR, "server", "app", "page", "react-loadable-manifest.json"), "utf8"),
  ) as Record<string, { files: string[] }>;
  const table = Object.values(manifest).find(({ files }) =>
    files.some((file) => readFileSync(path.join(NEXT_DIR, file), "utf8").includes("task-table-scroll")),
  );
  if (!table) throw new Error("the board's table chunk is not in its loadable manifest");
  return table.files;
}

export function pageRoutes(): string[] {
  const routes = JSON.parse(readFileSync(path.join(NEXT_DIR, "app-path-routes-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  return Object.entries(routes)
    .filter(([entry]) => entry.endsWith("/page"))
    .map(([, route]) => route)
    .sort();
}

export function pageWeights() {
  const baseline = firstLoadJs("/_not-found");
  const weights: Array<[string, { files: number; gzipBytes: number }]> = pageRoutes().map((route) => [
    route,
    firstLoadJs(route),
  ]);
  weights.push(["/ (as a table)", firstLoadJs("/", tableChunks())]);
  return Object.fromEntries(
    weights.map(([route, weight]) => [
      route,
      { ...weight, ratioToNotFound: Number((weight.gzipBytes / baseline.gzipBytes).toFixed(3)) },
    ]),
  );
}

/** The goal for every page: at most this many times the First Load JS of /_not-found. */
export const PAGE_WEIGHT_GOAL = 1.25;

export function printPageWeights(weights: ReturnType<typeof pageWeights>) {
  for (const [route, weight] of Object.entries(weights)) {
    const over = weight.ratioToNotFound > PAGE_WEIGHT_GOAL ? "  over the goal" : "";
    console.log(
      `  ${route.padEnd(16)} ${(weight.gzipBytes / 1024).toFixed(1).padStart(7)} kB  x${weight.ratioToNotFound.toFixed(3)}${over}`,
    );
  }
}
