"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { SendIcon, Trash2Icon, WebhookIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Empty, EmptyDescription, EmptyHeader, EmptyMedia } from "@/components/ui/empty";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import type { WebhookEndpointView } from "@/lib/api/webhook-schemas";
import {
  editWebhookRequest,
  removeWebhookRequest,
  testWebhookRequest,
  webhookEndpointsQuery,
  webhookKeys,
} from "@/lib/api-client/webhooks";
import { OUTCOMES } from "@/lib/webhooks/outcomes";

/** The endpoints: the environment's (read-only) and those added here, each with its switch, test and removal. */
export function WebhookList() {
  const query = useQuery(webhookEndpointsQuery());
  if (query.isPending) return <Skeleton className="h-24" role="status" aria-label="Loading the endpoints" />;
  if (query.isError) {
    return (
      <p role="alert" className="text-sm text-destructive">
        Could not load the endpoints: {query.error.message}
      </p>
    );
  }
  if (query.data.endpoints.length === 0) {
    return (
      <Empty className="md:p-8">
        <EmptyHeader>
          <EmptyMedia variant="icon">
            <WebhookIcon />
          </EmptyMedia>
          <h3 className="font-medium">No endpoints yet</h3>
          <EmptyDescription>
            Add a Slack-compatible incoming webhook or a JSON receiver below, and Paddock tells it when a task ends.
          </EmptyDescription>
        </EmptyHeader>
      </Empty>
    );
  }
  return (
    <ul className="divide-y rounded-md border" aria-label="Webhook endpoints">
      {query.data.endpoints.map((endpoint) => (
        <EndpointItem key={endpoint.id} endpoint={endpoint} />
      ))}
    </ul>
  );
}

function EndpointItem({ endpoint }: { endpoint: WebhookEndpointView }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: webhookKeys.all });
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => editWebhookRequest(endpoint.id, { enabled }),
    onSuccess: refresh,
    onError: (error) => toast.error(error.message),
  });
  const test = useMutation({
    mutationFn: () => testWebhookRequest(endpoint.id),
    onSuccess: (result) => {
      refresh();
      if (result.ok) toast.success(`Test event delivered to “${endpoint.name}” (HTTP ${result.status}).`);
      else toast.error(`“${endpoint.name}” did not take the test event: ${result.error ?? "no answer"}.`);
    },
    onError: (error) => toast.error(error.message),
  });
  const remove = useMutation({
    mutationFn: () => removeWebhookRequest(endpoint.id),
    onSuccess: () => {
      toast.success(`Removed “${endpoint.name}”.`);
      refresh();
    },
    onError: (error) => toast.error(error.message),
  });
  const outcomes = endpoint.outcomes.map((outcome) => OUTCOMES[outcome].label.toLowerCase()).join(", ");
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 px-3 py-3 text-sm">
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          <span className="truncate">{endpoint.name}</span>
          <Badge variant="secondary">{endpoint.kind === "slack" ? "Slack" : "JSON, signed"}</Badge>
          {endpoint.readOnly ? <Badge variant="outline">from the environment</Badge> : null}
          {!endpoint.enabled ? <Badge variant="outline">off</Badge> : null}
        </p>
        <p className="truncate font-mono text-xs text-muted-foreground">{endpoint.url}</p>
        <p className="text-xs text-muted-foreground">
          When a task {outcomes}
          {endpoint.labels.length > 0 ? ` · labels ${endpoint.labels.join(", ")}` : " · every label"}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {endpoint.readOnly ? null : (
          <Switch
            checked={endpoint.enabled}
            disabled={toggle.isPending}
            onCheckedChange={(enabled) => toggle.mutate(enabled)}
            aria-label={`Send events to “${endpoint.name}”`}
          />
        )}
        <Button variant="outline" size="sm" onClick={() => test.mutate()} disabled={test.isPending}>
          <SendIcon aria-hidden="true" />
          {test.isPending ? "Sending…" : "Send a test event"}
        </Button>
        {endpoint.readOnly ? null : confirming ? (
          <>
            <Button variant="destructive" size="sm" onClick={() => remove.mutate()} disabled={remove.isPending}>
              Remove for good
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </>
        ) : (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => setConfirming(true)}
            aria-label={`Remove “${endpoint.name}”`}
          >
            <Trash2Icon aria-hidden="true" />
            Remove
          </Button>
        )}
      </div>
    </li>
  );
}
