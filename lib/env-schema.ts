import { randomBytes } from "node:crypto";
import path from "node:path";

import { z } from "zod";

import { WEBHOOK_OUTCOMES } from "@/lib/webhooks/outcomes";

/**
 * Paddock's configuration, parsed from the environment. Pure so it can be tested; the server
 * reads it through `lib/env.ts`. Without HAPPYHORSE_API_KEY Paddock runs in demo mode against
 * its built-in simulator.
 */

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const integer = (name: string, min: number, max: number, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${name} must be a whole number` })
      .int(`${name} must be a whole number`)
      .min(min, `${name} must be at least ${min}`)
      .max(max, `${name} must be at most ${max}`)
      .default(fallback),
  );

const price = (name: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${name} must be a number` })
      .nonnegative(`${name} cannot be negative`)
      .max(1000, `${name} must be at most 1000`)
      .optional(),
  );

const rawEnvSchema = z.object({
  HAPPYHORSE_API_KEY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[\x21-\x7e]+$/, "HAPPYHORSE_API_KEY must be printable ASCII without spaces")
      .optional(),
  ),
  HAPPYHORSE_BASE_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: "HAPPYHORSE_BASE_URL must be an http(s) URL such as https://www.anyfast.ai" })
      .optional(),
  ),
  HAPPYHORSE_TIMEOUT_MS: integer("HAPPYHORSE_TIMEOUT_MS", 100, 120_000, 10_000),
  PADDOCK_POLL_INTERVAL_MS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "PADDOCK_POLL_INTERVAL_MS must be a whole number" })
      .int("PADDOCK_POLL_INTERVAL_MS must be a whole number")
      .min(250, "PADDOCK_POLL_INTERVAL_MS must be at least 250")
      .max(3_600_000, "PADDOCK_POLL_INTERVAL_MS must be at most 3600000")
      .optional(),
  ),
  PADDOCK_UPSTREAM_CONCURRENCY: integer("PADDOCK_UPSTREAM_CONCURRENCY", 1, 32, 4),
  PADDOCK_STUCK_AFTER_MINUTES: integer("PADDOCK_STUCK_AFTER_MINUTES", 1, 24 * 60, 10),
  PADDOCK_WATCH_HOURS: integer("PADDOCK_WATCH_HOURS", 1, 24 * 30, 48),
  PADDOCK_NOT_FOUND_GRACE_SECONDS: integer("PADDOCK_NOT_FOUND_GRACE_SECONDS", 0, 86_400, 180),
  PADDOCK_PRICE_PER_SECOND_720P: price("PADDOCK_PRICE_PER_SECOND_720P"),
  PADDOCK_PRICE_PER_SECOND_1080P: price("PADDOCK_PRICE_PER_SECOND_1080P"),
  PADDOCK_CURRENCY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Z]{3}$/, "PADDOCK_CURRENCY must be a three-letter code such as USD or CNY")
      .default("USD"),
  ),
  PADDOCK_DB_PATH: z.preprocess(blankToUndefined, z.string().default("./data/paddock.db")),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(?:ql)?:\/\//, "DATABASE_URL is a PostgreSQL URL: postgres://user:password@host:5432/database")
      .optional(),
  ),
  PADDOCK_DB_POOL_SIZE: integer("PADDOCK_DB_POOL_SIZE", 1, 100, 10),
  PADDOCK_DB_STATEMENT_TIMEOUT_MS: integer("PADDOCK_DB_STATEMENT_TIMEOUT_MS", 100, 600_000, 15_000),
  PADDOCK_DB_SSL: z.preprocess(
    blankToUndefined,
    z.enum(["off", "require", "verify"], "PADDOCK_DB_SSL is off, require or verify").default("off"),
  ),
  PADDOCK_MIGRATE: z.preprocess(
    blankToUndefined,
    z.enum(["on-start", "off"], "PADDOCK_MIGRATE is on-start or off").optional(),
  ),
  PADDOCK_WATCHER: z.preprocess(blankToUndefined, z.enum(["on", "off"], "PADDOCK_WATCHER is on or off").default("on")),
  PADDOCK_INSTANCE_ID: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, "PADDOCK_INSTANCE_ID has up to 64 letters, digits, dots, dashes or underscores")
      .optional(),
  ),
  PADDOCK_PASSWORD: z.preprocess(
    blankToUndefined,
    z.string().min(8, "PADDOCK_PASSWORD must have at least 8 characters").max(200).optional(),
  ),
  PADDOCK_API_TOKEN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[\x21-\x7e]{16,200}$/, "PADDOCK_API_TOKEN must be 16 to 200 printable characters without spaces")
      .optional(),
  ),
  PADDOCK_SESSION_SECRET: z.preprocess(
    blankToUndefined,
    z.string().min(32, "PADDOCK_SESSION_SECRET must have at least 32 characters").optional(),
  ),
  PADDOCK_OIDC_ISSUER: z.preprocess(
    blankToUndefined,
    z
      .url({ message: "PADDOCK_OIDC_ISSUER is the identity provider's issuer URL, e.g. https://accounts.example.com" })
      .refine(
        (value) =>
          value.startsWith("https://") || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(value),
        "PADDOCK_OIDC_ISSUER must use https (plain http only for a provider on this machine)",
      )
      .optional(),
  ),
  PADDOCK_OIDC_CLIENT_ID: z.preprocess(blankToUndefined, z.string().max(500).optional()),
  PADDOCK_OIDC_CLIENT_SECRET: z.preprocess(blankToUndefined, z.string().max(1000).optional()),
  PADDOCK_OIDC_NAME: z.preprocess(blankToUndefined, z.string().max(60).default("single sign-on")),
  PADDOCK_OIDC_ALLOWED_DOMAINS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(
        /^[A-Za-z0-9.-]+(?:[\s,]+[A-Za-z0-9.-]+)*$/,
        "PADDOCK_OIDC_ALLOWED_DOMAINS is a list of email domains such as example.com",
      )
      .optional(),
  ),
  PADDOCK_PUBLIC_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ message: "PADDOCK_PUBLIC_URL is the address people open Paddock at, e.g. https://paddock.example.com" })
      .optional(),
  ),
  PADDOCK_SESSION_HOURS: integer("PADDOCK_SESSION_HOURS", 1, 24 * 30, 12),
  PADDOCK_UPSTREAM_MAX_RPS: integer("PADDOCK_UPSTREAM_MAX_RPS", 1, 20, 5),
  PADDOCK_KEY_PROBE_SECONDS: integer("PADDOCK_KEY_PROBE_SECONDS", 1, 3600, 60),
  PADDOCK_RETRY_AFTER_CAP_SECONDS: integer("PADDOCK_RETRY_AFTER_CAP_SECONDS", 1, 86_400, 600),
  PADDOCK_API_RATE_PER_MINUTE: integer("PADDOCK_API_RATE_PER_MINUTE", 10, 100_000, 600),
  PADDOCK_ACTIVE_TASK_QUOTA: integer("PADDOCK_ACTIVE_TASK_QUOTA", 1, 1_000_000, 2000),
  PADDOCK_VIDEO_HOSTS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(
        /^(https?:\/\/[A-Za-z0-9*.-]+(:\d+)?)(\s+https?:\/\/[A-Za-z0-9*.-]+(:\d+)?)*$/,
        "PADDOCK_VIDEO_HOSTS is a space-separated list of origins such as https://*.aliyuncs.com",
      )
      .default("https://*.aliyuncs.com"),
  ),
  PADDOCK_ARCHIVE: z.preprocess(
    blankToUndefined,
    z.enum(["on", "off"], { error: "PADDOCK_ARCHIVE is on or off" }).default("on"),
  ),
  PADDOCK_ARCHIVE_DIR: z.preprocess(blankToUndefined, z.string().optional()),
  PADDOCK_ARCHIVE_KEEP_DAYS: integer("PADDOCK_ARCHIVE_KEEP_DAYS", 0, 36_500, 0),
  PADDOCK_ARCHIVE_MAX_GB: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "PADDOCK_ARCHIVE_MAX_GB must be a number" })
      .nonnegative("PADDOCK_ARCHIVE_MAX_GB cannot be negative")
      .max(1_000_000, "PADDOCK_ARCHIVE_MAX_GB must be at most 1000000")
      .default(0),
  ),
  PADDOCK_ARCHIVE_FILE_MAX_MB: integer("PADDOCK_ARCHIVE_FILE_MAX_MB", 1, 100_000, 1024),
  PADDOCK_ARCHIVE_S3_BUCKET: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        "PADDOCK_ARCHIVE_S3_BUCKET must be a bucket name such as paddock-videos",
      )
      .optional(),
  ),
  PADDOCK_ARCHIVE_S3_REGION: z.preprocess(blankToUndefined, z.string().default("us-east-1")),
  PADDOCK_ARCHIVE_S3_ENDPOINT: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^https?$/, error: "PADDOCK_ARCHIVE_S3_ENDPOINT must be an http(s) URL" }).optional(),
  ),
  PADDOCK_ARCHIVE_S3_PREFIX: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9!_.*'()/-]{0,200}$/, "PADDOCK_ARCHIVE_S3_PREFIX is a key prefix such as videos/")
      .default("videos/"),
  ),
  PADDOCK_ARCHIVE_S3_FORCE_PATH_STYLE: z.preprocess(
    blankToUndefined,
    z.enum(["on", "off"], { error: "PADDOCK_ARCHIVE_S3_FORCE_PATH_STYLE is on or off" }).default("off"),
  ),
  PADDOCK_ARCHIVE_S3_ACCESS_KEY_ID: z.preprocess(blankToUndefined, z.string().optional()),
  PADDOCK_ARCHIVE_S3_SECRET_ACCESS_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  SIMULATOR_PORT: integer("SIMULATOR_PORT", 1, 65_535, 3100),
  SIMULATOR_TIME_SCALE: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "SIMULATOR_TIME_SCALE must be a number" })
      .positive("SIMULATOR_TIME_SCALE must be above 0")
      .max(1000, "SIMULATOR_TIME_SCALE must be at most 1000")
      .default(1),
  ),
  PADDOCK_WEBHOOK_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: "PADDOCK_WEBHOOK_URL must be an http(s) URL that receives Paddock's events" })
      .optional(),
  ),
  PADDOCK_WEBHOOK_SECRET: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[\x21-\x7e]{16,100}$/, "PADDOCK_WEBHOOK_SECRET must be 16 to 100 printable characters without spaces")
      .optional(),
  ),
  PADDOCK_SLACK_WEBHOOK_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: "PADDOCK_SLACK_WEBHOOK_URL must be a Slack incoming-webhook URL (https)" })
      .optional(),
  ),
  PADDOCK_WEBHOOK_LABELS: z.preprocess(blankToUndefined, z.string().max(2000).optional()),
  PADDOCK_WEBHOOK_OUTCOMES: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(
        /^\s*(succeeded|failed|gave_up)(\s*[\s,]\s*(succeeded|failed|gave_up))*\s*$/,
        "PADDOCK_WEBHOOK_OUTCOMES is a list of succeeded, failed and gave_up",
      )
      .optional(),
  ),
});

/** The API recommends polling every 15 s; the local simulator costs nothing, so the demo is livelier. */
export const LIVE_POLL_INTERVAL_MS = 15_000;
export const DEMO_POLL_INTERVAL_MS = 5_000;

/** The configuration Paddock runs with, derived from the raw variables. */
export const envSchema = rawEnvSchema
  .superRefine((raw, ctx) => {
    // Several instances must sign and check the same session cookies.
    if (raw.DATABASE_URL && raw.PADDOCK_PASSWORD && !raw.PADDOCK_SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["PADDOCK_SESSION_SECRET"],
        message:
          "PADDOCK_SESSION_SECRET is required with DATABASE_URL and PADDOCK_PASSWORD: every instance signs sessions with it",
      });
    }
    if (raw.PADDOCK_OIDC_ISSUER && !raw.PADDOCK_OIDC_CLIENT_ID) {
      ctx.addIssue({
        code: "custom",
        path: ["PADDOCK_OIDC_CLIENT_ID"],
        message: "PADDOCK_OIDC_CLIENT_ID is required with PADDOCK_OIDC_ISSUER (the client registered for Paddock)",
      });
    }
    if (raw.PADDOCK_WEBHOOK_URL && !raw.PADDOCK_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["PADDOCK_WEBHOOK_SECRET"],
        message: "PADDOCK_WEBHOOK_SECRET is required with PADDOCK_WEBHOOK_URL: every event is signed with it",
      });
    }
    if (raw.HAPPYHORSE_API_KEY !== undefined && raw.HAPPYHORSE_BASE_URL === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["HAPPYHORSE_BASE_URL"],
        message:
          "HAPPYHORSE_BASE_URL is required when HAPPYHORSE_API_KEY is set (your gateway, e.g. https://www.anyfast.ai)",
      });
    }
  })
  .transform((raw) => {
    const live = raw.HAPPYHORSE_API_KEY !== undefined;
    const baseUrl =
      live && raw.HAPPYHORSE_BASE_URL ? raw.HAPPYHORSE_BASE_URL : `http://127.0.0.1:${raw.SIMULATOR_PORT}`;
    const videoHosts = raw.PADDOCK_VIDEO_HOSTS.split(/\s+/);
    if (!live) videoHosts.push(`http://127.0.0.1:${raw.SIMULATOR_PORT}`);
    return {
      mode: live ? ("live" as const) : ("demo" as const),
      pollIntervalMs: raw.PADDOCK_POLL_INTERVAL_MS ?? (live ? LIVE_POLL_INTERVAL_MS : DEMO_POLL_INTERVAL_MS),
      /** An active task with no visible change for this long is flagged "probably stuck". */
      stuckAfterMs: raw.PADDOCK_STUCK_AFTER_MINUTES * 60_000,
      /** When Paddock stops asking about a task that does not end (see lib/tasks/watch.ts). */
      watch: {
        limitMs: raw.PADDOCK_WATCH_HOURS * 3_600_000,
        notFoundGraceMs: raw.PADDOCK_NOT_FOUND_GRACE_SECONDS * 1000,
      },
      /** Optional prices per billed second, for the usage review's estimate. */
      prices: {
        currency: raw.PADDOCK_CURRENCY,
        perSecond720: raw.PADDOCK_PRICE_PER_SECOND_720P ?? null,
        perSecond1080: raw.PADDOCK_PRICE_PER_SECOND_1080P ?? null,
      },
      dbPath: raw.PADDOCK_DB_PATH,
      database: raw.DATABASE_URL
        ? hidden(
            {
              kind: "postgres" as const,
              poolSize: raw.PADDOCK_DB_POOL_SIZE,
              statementTimeoutMs: raw.PADDOCK_DB_STATEMENT_TIMEOUT_MS,
              ssl: raw.PADDOCK_DB_SSL,
            },
            { url: raw.DATABASE_URL },
          )
        : { kind: "sqlite" as const, path: raw.PADDOCK_DB_PATH },
      /** Bring the schema up to date at start: by default for the embedded SQLite only. */
      migrateOnStart: (raw.PADDOCK_MIGRATE ?? (raw.DATABASE_URL ? "off" : "on-start")) === "on-start",
      watcher: { enabled: raw.PADDOCK_WATCHER === "on", instanceId: raw.PADDOCK_INSTANCE_ID ?? null },
      upstream: hidden(
        {
          /** Origin plus optional path prefix, without a trailing slash. */
          baseUrl: baseUrl.replace(/\/+$/, ""),
          timeoutMs: raw.HAPPYHORSE_TIMEOUT_MS,
          concurrency: raw.PADDOCK_UPSTREAM_CONCURRENCY,
          /** While the gateway rejects the key, one probe per this long. */
          keyProbeMs: raw.PADDOCK_KEY_PROBE_SECONDS * 1000,
          /** The longest Retry-After honoured; beyond it the breaker probes as usual. */
          retryAfterCapMs: raw.PADDOCK_RETRY_AFTER_CAP_SECONDS * 1000,
        },
        // In demo mode the simulator gets a fresh key of its own, so the same auth path is exercised.
        { apiKey: raw.HAPPYHORSE_API_KEY ?? `sim_${randomBytes(18).toString("base64url")}` },
      ),
      simulator: live ? null : { port: raw.SIMULATOR_PORT, timeScale: raw.SIMULATOR_TIME_SCALE },
      /** Null password: no sign-in (demo, or behind the team's own proxy). */
      access: hidden(
        {
          sessionMs: raw.PADDOCK_SESSION_HOURS * 3_600_000,
          /** Sign-in with the team's identity provider (OpenID Connect), or null. */
          oidc: raw.PADDOCK_OIDC_ISSUER
            ? hidden(
                {
                  issuer: raw.PADDOCK_OIDC_ISSUER,
                  clientId: raw.PADDOCK_OIDC_CLIENT_ID ?? "",
                  name: raw.PADDOCK_OIDC_NAME,
                  allowedDomains: raw.PADDOCK_OIDC_ALLOWED_DOMAINS
                    ? raw.PADDOCK_OIDC_ALLOWED_DOMAINS.toLowerCase()
                        .split(/[\s,]+/)
                        .filter(Boolean)
                    : null,
                },
                { clientSecret: raw.PADDOCK_OIDC_CLIENT_SECRET ?? null },
              )
            : null,
          /** Where people open Paddock; the identity provider sends them back here. */
          publicUrl: raw.PADDOCK_PUBLIC_URL?.replace(/\/+$/, "") ?? null,
        },
        {
          password: raw.PADDOCK_PASSWORD ?? null,
          apiToken: raw.PADDOCK_API_TOKEN ?? null,
          sessionSecret: raw.PADDOCK_SESSION_SECRET ?? null,
        },
      ),
      limits: {
        upstreamPerSecond: raw.PADDOCK_UPSTREAM_MAX_RPS,
        apiPerMinute: raw.PADDOCK_API_RATE_PER_MINUTE,
        /** How many unfinished tasks one person, token or address may have tracked at once. */
        activeTaskQuota: raw.PADDOCK_ACTIVE_TASK_QUOTA,
      },
      /** Origins the browser may load videos from (CSP media-src). */
      videoHosts,
      /** Where finished videos are kept past their 24-hour link; null when PADDOCK_ARCHIVE=off. */
      archive:
        raw.PADDOCK_ARCHIVE === "on"
          ? {
              /** By default beside the SQLite file: ./data/videos. */
              dir: raw.PADDOCK_ARCHIVE_DIR ?? path.join(path.dirname(raw.PADDOCK_DB_PATH), "videos"),
              /** Saved copies older than this are removed (null: kept until the size cap). */
              keepMs: raw.PADDOCK_ARCHIVE_KEEP_DAYS > 0 ? raw.PADDOCK_ARCHIVE_KEEP_DAYS * 86_400_000 : null,
              /** The archive's total size cap, oldest removed first (null: none). */
              maxBytes: raw.PADDOCK_ARCHIVE_MAX_GB > 0 ? Math.round(raw.PADDOCK_ARCHIVE_MAX_GB * 1024 ** 3) : null,
              fileMaxBytes: raw.PADDOCK_ARCHIVE_FILE_MAX_MB * 1024 ** 2,
              /** An S3-compatible bucket instead of the directory (null: the directory). */
              s3: raw.PADDOCK_ARCHIVE_S3_BUCKET
                ? hidden(
                    {
                      bucket: raw.PADDOCK_ARCHIVE_S3_BUCKET,
                      prefix: raw.PADDOCK_ARCHIVE_S3_PREFIX,
                      region: raw.PADDOCK_ARCHIVE_S3_REGION,
                      endpoint: raw.PADDOCK_ARCHIVE_S3_ENDPOINT ?? null,
                      forcePathStyle: raw.PADDOCK_ARCHIVE_S3_FORCE_PATH_STYLE === "on",
                      accessKeyId: raw.PADDOCK_ARCHIVE_S3_ACCESS_KEY_ID ?? null,
                    },
                    { secretAccessKey: raw.PADDOCK_ARCHIVE_S3_SECRET_ACCESS_KEY ?? null },
                  )
                : null,
            }
          : null,
      /** Webhook endpoints from the environment (read-only on the Settings page), and their filters. */
      webhooks: hidden(
        {
          /** Exact labels; empty: every task. */
          labels: (raw.PADDOCK_WEBHOOK_LABELS ?? "")
            .split(",")
            .map((label) => label.trim())
            .filter(Boolean),
          outcomes: raw.PADDOCK_WEBHOOK_OUTCOMES
            ? WEBHOOK_OUTCOMES.filter((outcome) => raw.PADDOCK_WEBHOOK_OUTCOMES?.split(/[\s,]+/).includes(outcome))
            : [...WEBHOOK_OUTCOMES],
        },
        {
          jsonUrl: raw.PADDOCK_WEBHOOK_URL ?? null,
          jsonSecret: raw.PADDOCK_WEBHOOK_SECRET ?? null,
          slackUrl: raw.PADDOCK_SLACK_WEBHOOK_URL ?? null,
        },
      ),
    };
  });

export type PaddockEnv = z.output<typeof envSchema>;

/** Every secret in the configuration: the log scrubs each of them from every line. */
export function envSecrets(env: PaddockEnv): Array<string | null> {
  return [
    env.upstream.apiKey,
    env.access.password,
    env.access.apiToken,
    env.access.sessionSecret,
    env.access.oidc?.clientSecret ?? null,
    env.webhooks.jsonSecret,
    // A Slack incoming-webhook URL is its own credential.
    env.webhooks.slackUrl,
    env.archive?.s3?.secretAccessKey ?? null,
  ];
}

/**
 * Adds the secrets as non-enumerable, read-only properties: JSON.stringify and console.log of
 * the configuration never print them.
 */
function hidden<T extends object, S extends Record<string, string | null>>(visible: T, secrets: S): T & Readonly<S> {
  for (const [name, value] of Object.entries(secrets)) {
    Object.defineProperty(visible, name, { value, enumerable: false, writable: false });
  }
  return visible as T & Readonly<S>;
}

export type EnvResult = { ok: true; env: PaddockEnv } | { ok: false; problems: string[] };

export function parseEnv(source: Record<string, string | undefined>): EnvResult {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return { ok: true, env: parsed.data };
  const fields = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
  const problems = Object.entries(fields).flatMap(([name, messages]) =>
    (messages ?? []).map((message) => (message.includes(name) ? message : `${name}: ${message}`)),
  );
  return { ok: false, problems };
}
