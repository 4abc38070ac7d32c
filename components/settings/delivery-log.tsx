"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { WebhookDelivery } from "@/lib/api/webhook-schemas";
import { webhookDeliveriesQuery } from "@/lib/api-client/webhooks";
import { formatLocalTime } from "@/lib/tasks/format-time";
import { formatDuration } from "@/lib/tasks/time";

const RESULTS = {
  delivered: { label: "delivered", variant: "secondary" },
  retrying: { label: "will retry", variant: "outline" },
  failed: { label: "gave up", variant: "destructive" },
  test: { label: "test", variant: "outline" },
} as const satisfies Record<
  WebhookDelivery["result"],
  { label: string; variant: "secondary" | "outline" | "destructive" }
>;

/** The latest delivery attempts, newest first, refreshed while the page is open. */
export function DeliveryLog() {
  const query = useQuery(webhookDeliveriesQuery());
  if (query.isPending) return <Skeleton className="h-32" role="status" aria-label="Loading the delivery log" />;
  if (query.isError) {
    return (
      <p role="alert" className="text-sm text-destructive">
        Could not load the delivery log: {query.error.message}
      </p>
    );
  }
  if (query.data.deliveries.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        Nothing sent yet. Each attempt appears here: when a task ends, or when you send a test event.
      </p>
    );
  }
  return (
    <Table aria-label="Delivery log">
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Event</TableHead>
          <TableHead>Task</TableHead>
          <TableHead>Endpoint</TableHead>
          <TableHead className="text-right">Attempt</TableHead>
          <TableHead>Answer</TableHead>
          <TableHead className="text-right">Took</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {query.data.deliveries.map((delivery) => (
          <TableRow key={delivery.id}>
            <TableCell>{formatLocalTime(delivery.at)}</TableCell>
            <TableCell className="font-mono text-xs">{delivery.eventId}</TableCell>
            <TableCell className="max-w-56 truncate font-mono text-xs">
              {delivery.result === "test" ? (
                delivery.taskId
              ) : (
                <Link
                  href={`/tasks/${encodeURIComponent(delivery.taskId)}`}
                  className="underline-offset-2 hover:underline"
                >
                  {delivery.taskId}
                </Link>
              )}
            </TableCell>
            <TableCell className="max-w-48 truncate">
              {delivery.endpointName ?? `${delivery.endpointId} (removed)`}
            </TableCell>
            <TableCell className="text-right tabular-nums">{delivery.attempt}</TableCell>
            <TableCell>
              <span className="flex items-center gap-2">
                <Badge variant={RESULTS[delivery.result].variant}>{RESULTS[delivery.result].label}</Badge>
                <span className="text-xs text-muted-foreground">
                  {delivery.status !== null ? `HTTP ${delivery.status}` : delivery.error}
                </span>
              </span>
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatDuration(delivery.durationMs)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
