import type { Metadata } from "next";
import { connection } from "next/server";

import { GenerationForm } from "@/components/generations/generation-form";
import { EMPTY_FORM } from "@/lib/generations/form-state";
import { getEnv } from "@/lib/server/env";
import { duplicateOf } from "@/lib/server/generations/duplicate";
import { requirePageAccess } from "@/lib/server/page-access";
import { getRuntime } from "@/lib/server/runtime";

export const metadata: Metadata = { title: "New generation" };

interface NewGenerationPageProps {
  searchParams: Promise<{ from?: string | string[] }>;
}

/** Starts a generation; `?from={task id}` fills the form from what started that task, or its snapshot ("Duplicate with changes"). */
export default async function NewGenerationPage({ searchParams }: NewGenerationPageProps) {
  await connection();
  await requirePageAccess();
  const env = getEnv();
  const { from } = await searchParams;
  const duplicate = from === undefined ? null : await duplicateOf(await getRuntime(), from);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New generation</h1>
        <p className="text-sm text-muted-foreground">
          Start a HappyHorse generation; Paddock tracks it from the first second, under your name.
        </p>
      </div>
      <GenerationForm
        initial={duplicate?.form ?? EMPTY_FORM}
        from={duplicate ? { id: duplicate.id, source: duplicate.source } : null}
        prices={{ "720P": env.prices.perSecond720, "1080P": env.prices.perSecond1080 }}
        currency={env.prices.currency}
        videoHosts={env.videoHosts}
      />
    </div>
  );
}
