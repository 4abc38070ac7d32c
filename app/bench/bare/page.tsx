import type { Metadata } from "next";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "Bench baseline" };

/**
 * Rendered per request: the environment is read when a request comes, so a build made on a machine
 * with PADDOCK_BENCH_BARE=1 does not bake the page in for servers without it (nor a 404 for the bench).
 */
export const dynamic = "force-dynamic";

/**
 * The benchmark's baseline page: a heading and a paragraph in the root layout, with no client code
 * of its own, so a page's Lighthouse score can be set beside what the layout alone scores. It shows
 * nothing of Paddock's data and exists only while the server runs with PADDOCK_BENCH_BARE=1.
 */
export default function BenchBarePage() {
  if (process.env.PADDOCK_BENCH_BARE !== "1") notFound();
  return (
    <div className="flex flex-col gap-2">
      <h1 className="text-2xl font-semibold tracking-tight">Bench baseline</h1>
      <p className="text-sm text-muted-foreground">
        A static page in Paddock&apos;s layout, for the benchmark to compare the other pages with.
      </p>
    </div>
  );
}
