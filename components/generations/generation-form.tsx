"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ChevronRightIcon, LoaderCircleIcon, PlusIcon, ShieldAlertIcon, Trash2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { toast } from "sonner";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { Textarea } from "@/components/ui/textarea";
import { generationRefusalSchema } from "@/lib/api/generation-schemas";
import { ApiError } from "@/lib/api-client/fetch";
import { startGenerationRequest } from "@/lib/api-client/generations";
import { taskKeys } from "@/lib/api-client/tasks";
import { formatMoney, formatNumber } from "@/lib/format/number";
import { createBody } from "@/lib/generations/create-body";
import { type DuplicateSource, formInput, type GenerationFormState } from "@/lib/generations/form-state";
import {
  checkMediaUrl,
  DURATION_MAX,
  DURATION_MIN,
  estimatedBilledSeconds,
  fieldErrors,
  GENERATION_KINDS,
  generationRequestSchema,
  KIND_LABELS,
  KINDS_WITH_RATIO,
  PROMPT_MAX,
  promptLength,
  RATIOS,
  REFERENCE_IMAGES_MAX,
  RESOLUTIONS,
} from "@/lib/generations/request";
import { isAllowedVideoUrl } from "@/lib/security/video-hosts";
import { cn } from "@/lib/utils";

/**
 * The new-generation form: the four kinds with their own inputs, each field checked as you go
 * (the same checks as the server's), the estimated billed seconds and cost, and the exact JSON
 * that will be sent. One click makes one task: the button locks, and the request carries an
 * idempotency key the server keeps ten minutes, so a retry or a double submit gets the first answer.
 */

interface GenerationFormProps {
  initial: GenerationFormState;
  /** Price per billed second by tier, when the operator set them. */
  prices: { "720P": number | null; "1080P": number | null };
  currency: string;
  /** Where the form was filled from ("Duplicate with changes"). */
  from: { id: string; source: DuplicateSource } | null;
  /** Video links previewed only from these hosts (the CSP's media hosts). */
  videoHosts: readonly string[];
}

const newKey = () => crypto.randomUUID().replace(/-/g, "");

export function GenerationForm({ initial, prices, currency, from, videoHosts }: GenerationFormProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [state, setState] = useState(initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  // One key per request as typed: a retry of the same request reuses it, a change makes a new one.
  const [key, setKey] = useState(newKey);
  const ids = useId();

  const parsed = useMemo(() => generationRequestSchema.safeParse(formInput(state)), [state]);
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues);
  const shown = (field: string) => (submitted || touched[field] ? errors[field] : undefined);
  const request = parsed.success ? parsed.data : null;

  const start = useMutation({
    mutationFn: () => {
      if (!request) throw new Error("The form is not valid.");
      return startGenerationRequest(request, key);
    },
    onError: (error) => {
      // Nothing was started: a retry is a new request. (A timeout may have started one: the same key
      // then gets the first answer instead of a second generation.)
      const unknown =
        error instanceof ApiError && (error.code === "gateway_timeout" || error.code === "gateway_unavailable");
      if (!unknown) setKey(newKey());
    },
    onSuccess: async (answer) => {
      toast.success(`Generation started: ${answer.taskId}. Paddock is watching it.`);
      await queryClient.invalidateQueries({ queryKey: taskKeys.all });
      router.push(`/?q=${encodeURIComponent(answer.taskId)}&view=cards`);
    },
  });

  function update(next: Partial<GenerationFormState>) {
    setState((current) => ({ ...current, ...next }));
    setKey(newKey());
    start.reset();
  }
  const touch = (field: string) => () => setTouched((current) => ({ ...current, [field]: true }));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!request || start.isPending) return;
    start.mutate();
  }

  const seconds = request ? estimatedBilledSeconds(request) : Number(state.duration) || 0;
  const price = prices[state.resolution];
  const length = promptLength(state.prompt);
  const refusal = start.error instanceof ApiError ? start.error : null;
  const refusalDetails = refusal ? generationRefusalSchema.safeParse(refusal.details) : null;

  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]"
      aria-label="New generation"
    >
      <div className="flex flex-col gap-5">
        {from ? (
          <p className="text-sm text-muted-foreground" data-testid="duplicate-note">
            Filled from <code className="font-mono">{from.id}</code>
            {from.source.from === "request"
              ? ", as it was started in Paddock: change what you like."
              : ": change what you like. The gateway does not return source images, videos or the seed, so add them again."}
            {from.source.kindUncertain ? (
              <strong className="font-medium text-foreground">
                {" "}
                The gateway names text and image-to-video tasks alike: check the kind.
              </strong>
            ) : null}
          </p>
        ) : null}
        <SegmentedControl
          label="Kind"
          options={GENERATION_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
          value={state.kind}
          onChange={(kind) => update({ kind })}
          className="flex-wrap"
        />

        <Field id={`${ids}-prompt`} label={state.kind === "edit" ? "Instruction" : "Prompt"} error={shown("prompt")}>
          <Textarea
            id={`${ids}-prompt`}
            value={state.prompt}
            onChange={(event) => update({ prompt: event.target.value })}
            onBlur={touch("prompt")}
            rows={5}
            aria-invalid={shown("prompt") ? true : undefined}
            aria-describedby={`${ids}-prompt-count`}
            placeholder={
              state.kind === "edit"
                ? "What to change in the video, e.g. “make it snow”"
                : "What happens in the video, e.g. “a horse trots through sunflowers at dawn”"
            }
          />
          <p
            id={`${ids}-prompt-count`}
            className={cn(
              "text-right text-xs tabular-nums",
              length > PROMPT_MAX ? "text-status-failure" : "text-muted-foreground",
            )}
            data-testid="prompt-count"
          >
            {formatNumber(length)} / {formatNumber(PROMPT_MAX)} characters
          </p>
        </Field>

        {state.kind === "i2v" ? (
          <MediaField
            id={`${ids}-image`}
            label="First frame (image link)"
            value={state.image}
            error={shown("image")}
            onChange={(image) => update({ image })}
            onBlur={touch("image")}
            kind="image"
            videoHosts={videoHosts}
          />
        ) : null}
        {state.kind === "r2v" ? (
          <fieldset className="flex flex-col gap-3">
            <legend className="mb-1 text-sm font-medium">Reference images (1 to {REFERENCE_IMAGES_MAX})</legend>
            {state.images.map((url, index) => (
              <div key={index} className="flex items-start gap-2">
                <div className="flex-1">
                  <MediaField
                    id={`${ids}-images-${index}`}
                    label={`Reference image ${index + 1}`}
                    value={url}
                    error={shown(`images.${index}`) ?? (index === 0 ? shown("images") : undefined)}
                    onChange={(next) =>
                      update({ images: state.images.map((each, at) => (at === index ? next : each)) })
                    }
                    onBlur={touch(`images.${index}`)}
                    kind="image"
                    videoHosts={videoHosts}
                  />
                </div>
                {state.images.length > 1 ? (
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    className="mt-6"
                    aria-label={`Remove reference image ${index + 1}`}
                    onClick={() => update({ images: state.images.filter((_, at) => at !== index) })}
                  >
                    <Trash2Icon aria-hidden="true" />
                  </Button>
                ) : null}
              </div>
            ))}
            {state.images.length < REFERENCE_IMAGES_MAX ? (
              <Button
                type="button"
                variant="outline"
                size="sm"
                className="w-fit"
                onClick={() => update({ images: [...state.images, ""] })}
              >
                <PlusIcon aria-hidden="true" /> Add an image
              </Button>
            ) : null}
          </fieldset>
        ) : null}
        {state.kind === "edit" ? (
          <MediaField
            id={`${ids}-video`}
            label="Source video (link)"
            value={state.video}
            error={shown("video")}
            onChange={(video) => update({ video })}
            onBlur={touch("video")}
            kind="video"
            videoHosts={videoHosts}
          />
        ) : null}

        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field id={`${ids}-resolution`} label="Resolution" error={shown("resolution")}>
            <NativeSelect
              id={`${ids}-resolution`}
              value={state.resolution}
              onChange={(event) =>
                update({ resolution: RESOLUTIONS.find((value) => value === event.target.value) ?? "720P" })
              }
            >
              {RESOLUTIONS.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </NativeSelect>
          </Field>
          {KINDS_WITH_RATIO.includes(state.kind) ? (
            <Field id={`${ids}-ratio`} label="Aspect ratio" error={shown("ratio")}>
              <NativeSelect
                id={`${ids}-ratio`}
                value={state.ratio}
                onChange={(event) => update({ ratio: RATIOS.find((value) => value === event.target.value) ?? "16:9" })}
              >
                {RATIOS.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          ) : null}
          <Field
            id={`${ids}-duration`}
            label={`Duration (${DURATION_MIN}–${DURATION_MAX} s)`}
            error={shown("duration")}
          >
            <Input
              id={`${ids}-duration`}
              type="number"
              inputMode="numeric"
              min={DURATION_MIN}
              max={DURATION_MAX}
              step={1}
              value={state.duration}
              onChange={(event) => update({ duration: event.target.value })}
              onBlur={touch("duration")}
              aria-invalid={shown("duration") ? true : undefined}
            />
          </Field>
          <Field id={`${ids}-seed`} label="Seed (optional)" error={shown("seed")}>
            <Input
              id={`${ids}-seed`}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={state.seed}
              onChange={(event) => update({ seed: event.target.value })}
              onBlur={touch("seed")}
              placeholder="Random"
              aria-invalid={shown("seed") ? true : undefined}
            />
          </Field>
        </div>
        <label className="flex w-fit items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            checked={state.watermark}
            onChange={(event) => update({ watermark: event.target.checked })}
          />
          Add the platform&rsquo;s watermark
        </label>
      </div>

      <aside className="flex flex-col gap-4 lg:sticky lg:top-4 lg:self-start" aria-label="Before you submit">
        <div className="rounded-lg border p-4 text-sm" data-testid="estimate">
          <p className="font-medium">Estimate</p>
          <p className="mt-1 text-muted-foreground">
            {seconds > 0 ? `${seconds} billed second${seconds === 1 ? "" : "s"} at ${state.resolution}` : "—"}
            {state.kind === "edit" ? " (a video edit also bills its input's length)" : ""}
          </p>
          {price !== null && seconds > 0 ? (
            <p className="mt-1 text-lg font-semibold tabular-nums">{formatMoney(price * seconds, currency)}</p>
          ) : (
            <p className="mt-1 text-xs text-muted-foreground">
              {price === null
                ? `No price set. Set PADDOCK_PRICE_PER_SECOND_${state.resolution} on the server to see a cost.`
                : "—"}
            </p>
          )}
        </div>
        <details className="group rounded-lg border p-4 text-sm">
          <summary className="flex cursor-pointer items-center gap-1 font-medium">
            <ChevronRightIcon className="size-4 transition-transform group-open:rotate-90" aria-hidden="true" />
            The JSON that will be sent
          </summary>
          <pre className="mt-3 max-h-80 overflow-auto rounded bg-muted p-3 text-xs" data-testid="request-json">
            {request ? JSON.stringify(createBody(request), null, 2) : "Complete the fields on the left to see it."}
          </pre>
        </details>

        {refusal ? (
          <Alert variant="failure" role="alert" data-testid="generation-error">
            <ShieldAlertIcon aria-hidden="true" />
            <AlertTitle>
              {refusal.code === "generation_refused"
                ? `The gateway refused it${refusalDetails?.success ? `: ${refusalDetails.data.categoryLabel}` : ""}`
                : "The generation was not started"}
            </AlertTitle>
            <AlertDescription>
              <p>{refusal.message}</p>
              {refusalDetails?.success ? <p>{refusalDetails.data.advice}</p> : null}
              <p>Nothing was tracked.</p>
            </AlertDescription>
          </Alert>
        ) : null}

        <Button type="submit" size="lg" disabled={start.isPending || start.isSuccess}>
          {start.isPending ? <LoaderCircleIcon className="animate-spin" aria-hidden="true" /> : null}
          {start.isPending ? "Starting…" : start.isSuccess ? "Started" : "Start generation"}
        </Button>
        {submitted && !request ? (
          <p className="text-sm text-status-failure" role="alert">
            Some fields need a fix before anything is sent.
          </p>
        ) : null}
      </aside>
    </form>
  );
}

interface FieldProps {
  id: string;
  label: string;
  error: string | undefined;
  children: React.ReactNode;
}

function Field({ id, label, error, children }: FieldProps) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p className="text-xs text-status-failure" id={`${id}-error`} data-testid="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface MediaFieldProps {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  onBlur: () => void;
  kind: "image" | "video";
  videoHosts: readonly string[];
}

/** A link to an input, checked for its scheme, and previewed once it is one. */
function MediaField({ id, label, value, error, onChange, onBlur, kind, videoHosts }: MediaFieldProps) {
  const url = value.trim();
  const valid = url !== "" && checkMediaUrl(url) === null;
  const previewable = valid && (kind === "image" ? url.startsWith("https://") : isAllowedVideoUrl(url, videoHosts));
  return (
    <Field id={id} label={label} error={error}>
      <Input
        id={id}
        type="url"
        inputMode="url"
        value={value}
        placeholder="https://…"
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
      />
      {previewable ? (
        kind === "image" ? (
          // A link the creator pasted, shown as they will send it (next/image would fetch it through Paddock).
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={url}
            alt={`Preview of ${label.toLowerCase()}`}
            className="max-h-40 w-fit rounded border object-contain"
          />
        ) : (
          <video
            src={url}
            muted
            controls
            preload="metadata"
            className="max-h-48 w-fit rounded border"
            aria-label="Preview of the source video"
          />
        )
      ) : valid && kind === "video" ? (
        <p className="text-xs text-muted-foreground">
          Not previewed: this host is not one of Paddock&rsquo;s video hosts (PADDOCK_VIDEO_HOSTS). The gateway fetches
          it itself.
        </p>
      ) : null}
    </Field>
  );
}
