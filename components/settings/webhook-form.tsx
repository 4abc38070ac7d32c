"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { useId, useState } from "react";

import { CopyButton } from "@/components/tasks/copy-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { createWebhookRequest, webhookKeys } from "@/lib/api-client/webhooks";
import { cn } from "@/lib/utils";
import { OUTCOMES, WEBHOOK_OUTCOMES, type WebhookKind, type WebhookOutcome } from "@/lib/webhooks/outcomes";

/** Adds an endpoint; a JSON endpoint's signing secret is shown here once. */
export function WebhookForm() {
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<WebhookKind>("slack");
  const [url, setUrl] = useState("");
  const [labels, setLabels] = useState("");
  const [outcomes, setOutcomes] = useState<WebhookOutcome[]>([...WEBHOOK_OUTCOMES]);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: createWebhookRequest,
    onSuccess: (answer) => {
      setSecret(answer.secret);
      setName("");
      setUrl("");
      setLabels("");
      void queryClient.invalidateQueries({ queryKey: webhookKeys.endpoints() });
    },
  });
  const fieldErrors = fieldErrorsOf(create.error?.details);
  const errorFor = (field: string) => fieldErrors[field]?.[0] ?? null;

  return (
    <div className="flex flex-col gap-4">
      <form
        aria-label="Add a webhook endpoint"
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          setSecret(null);
          const list = labels
            .split(",")
            .map((label) => label.trim())
            .filter(Boolean);
          create.mutate({ name, kind, url, labels: list, outcomes });
        }}
      >
        <Field id={`${id}-name`} label="Name" error={errorFor("name")}>
          <Input
            id={`${id}-name`}
            value={name}
            maxLength={100}
            placeholder="#renders channel"
            onChange={(event) => setName(event.target.value)}
            aria-invalid={errorFor("name") !== null}
            aria-describedby={errorFor("name") ? `${id}-name-error` : undefined}
            required
          />
        </Field>
        <Field id={`${id}-kind`} label="Kind">
          <NativeSelect id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as WebhookKind)}>
            <option value="slack">Slack-compatible incoming webhook</option>
            <option value="json">JSON event, signed (HMAC-SHA256)</option>
          </NativeSelect>
        </Field>
        <Field id={`${id}-url`} label="URL" error={errorFor("url")} className="sm:col-span-2">
          <Input
            id={`${id}-url`}
            type="url"
            value={url}
            placeholder={kind === "slack" ? "https://hooks.slack.com/services/…" : "https://example.com/paddock-events"}
            onChange={(event) => setUrl(event.target.value)}
            aria-invalid={errorFor("url") !== null}
            aria-describedby={errorFor("url") ? `${id}-url-error` : undefined}
            required
          />
        </Field>
        <Field
          id={`${id}-labels`}
          label="Labels (comma-separated; empty for every task)"
          error={errorFor("labels")}
          className="sm:col-span-2"
        >
          <Input
            id={`${id}-labels`}
            value={labels}
            placeholder="Ada, Grace"
            onChange={(event) => setLabels(event.target.value)}
            aria-invalid={errorFor("labels") !== null}
            aria-describedby={errorFor("labels") ? `${id}-labels-error` : undefined}
          />
        </Field>
        <fieldset className="flex flex-col gap-2 sm:col-span-2">
          <legend className="mb-2 text-sm font-medium">When a task</legend>
          <div className="flex flex-wrap gap-4">
            {WEBHOOK_OUTCOMES.map((outcome) => (
              <Label key={outcome} className="font-normal">
                <Checkbox
                  checked={outcomes.includes(outcome)}
                  onCheckedChange={(checked) =>
                    setOutcomes((current) =>
                      checked === true ? [...current, outcome] : current.filter((item) => item !== outcome),
                    )
                  }
                />
                {OUTCOMES[outcome].label.toLowerCase()}
              </Label>
            ))}
          </div>
          {errorFor("outcomes") ? <p className="text-sm text-destructive">{errorFor("outcomes")}</p> : null}
        </fieldset>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <Button type="submit" disabled={create.isPending || outcomes.length === 0}>
            <PlusIcon aria-hidden="true" />
            {create.isPending ? "Adding…" : "Add endpoint"}
          </Button>
          {create.isError && Object.keys(fieldErrors).length === 0 ? (
            <p role="alert" className="text-sm text-destructive">
              {create.error.message}
            </p>
          ) : null}
        </div>
      </form>
      {secret ? (
        <Alert data-testid="new-webhook-secret">
          <AlertTitle>Copy the signing secret now: it is shown only once</AlertTitle>
          <AlertDescription className="flex flex-wrap items-center gap-2">
            <code className="rounded bg-muted px-1.5 py-0.5 text-xs break-all">{secret}</code>
            <CopyButton value={secret} label="Copy the signing secret" />
            <span>Your receiver checks each event&apos;s Paddock-Signature header with it (see the README).</span>
          </AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}

interface FieldProps {
  id: string;
  label: string;
  error?: string | null;
  className?: string;
  children: React.ReactNode;
}

function Field({ id, label, error, className, children }: FieldProps) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The server's `z.flattenError` details, read defensively. */
function fieldErrorsOf(details: unknown): Record<string, string[] | undefined> {
  if (typeof details !== "object" || details === null || !("fieldErrors" in details)) return {};
  const fields = (details as { fieldErrors: unknown }).fieldErrors;
  return typeof fields === "object" && fields !== null ? (fields as Record<string, string[] | undefined>) : {};
}
