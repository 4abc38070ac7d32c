import type { FailureCategory } from "@/lib/tasks/failure-category";

/** The answer of `GET /api/usage`. Seconds are generated video seconds; billed counts succeeded tasks only. */

export interface UsageBucket {
  key: string | null;
  tasks: number;
  succeeded: number;
  failed: number;
  billedSeconds: number;
  deliveredSeconds: number;
}

export interface UsageDay {
  day: string;
  tasks: number;
  succeeded: number;
  failed: number;
  failureRate: number | null;
  billed720: number;
  billed1080: number;
  billedOther: number;
  avgQueueWaitMs: number | null;
  avgGenerationMs: number | null;
}

export interface Spread {
  count: number;
  medianMs: number | null;
  p95Ms: number | null;
}

export interface UsageResponse {
  period: { from: number; to: number; tzOffsetMinutes: number };
  totals: {
    tasks: number;
    succeeded: number;
    failed: number;
    active: number;
    /** failed ÷ (succeeded + failed); null when nothing finished. */
    failureRate: number | null;
    billedSeconds: number;
    billedByTier: { "720": number; "1080": number; other: number };
    deliveredSeconds: number;
    inputSeconds: number;
  };
  cost: {
    currency: string;
    pricePerSecond: { "720": number | null; "1080": number | null };
    total: number;
    byTier: { "720": number; "1080": number };
  } | null;
  byDay: UsageDay[];
  byLabel: UsageBucket[];
  byAction: UsageBucket[];
  byTier: UsageBucket[];
  byRatio: UsageBucket[];
  waiting: { queueWait: Spread; generation: Spread };
  failures: Array<{ category: FailureCategory; count: number }>;
  labels: string[];
  actions: string[];
}
