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

export function firstLoadJs(route: string): { files: number; gzipBytes: number } {
  const build = JSON.parse(readFileSync(path.join(NEXT_DIR, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const entries = Object.values(manifestFor(route).entryJSFiles ?? {}).flat();
  const files = new Set([...build.rootMainFiles, ...entries]);
  let gzipBytes = 0;
  for (const file of files) gzipBytes += gzipSize(file);
  return { files: files.size, gzipBytes };
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
  return Object.fromEntries(
    pageRoutes().map((route) => {
      const weight = firstLoadJs(route);
      return [route, { ...weight, ratioToNotFound: Number((weight.gzipBytes / baseline.gzipBytes).toFixed(3)) }];
    }),
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
