import "server-only";

import { z } from "zod";

import type { PaddockEnv } from "@/lib/env-schema";
import {
  type GenerationInput,
  type GenerationKind,
  type GenerationRequest,
  generationRequestSchema,
  MODELS,
} from "@/lib/generations/request";
import { accessEnabled, bearerToken } from "@/lib/server/security/access";
import { API_TOKEN_PRINCIPAL, type Principal } from "@/lib/server/security/principal";
import { secretsMatch } from "@/lib/server/security/session";
import type { TaskRow } from "@/lib/server/tasks/task-store";

/**
 * Paddock as the gateway, for scripts: `POST /v1/video/generations` and `GET
 * /v1/video/generations/{id}` in the gateway's own wire format, so an SDK changes only its base
 * URL. Only a bearer token opens it (a personal `pdk_` token, or the operator's PADDOCK_API_TOKEN),
 * never a browser's cookie: a page on another site cannot start generations with someone's session.
 */

export type RelayAccess = { ok: true; principal: Principal } | { ok: false; status: number; message: string };

export function relayAccess(env: PaddockEnv, principal: Principal | null, request: Request): RelayAccess {
  if (!accessEnabled(env) && !env.access.apiToken) {
    return {
      ok: false,
      status: 404,
      message:
        "The relay is off: it needs sign-in (PADDOCK_PASSWORD or an identity provider, for personal tokens) or " +
        "PADDOCK_API_TOKEN, and a bearer token on each request.",
    };
  }
  const token = bearerToken(request);
  if (!token) return { ok: false, status: 401, message: "Send Authorization: Bearer <your Paddock API token>." };
  // With sign-in on, the token was checked on the way in (a person's token acts as that person).
  if (accessEnabled(env)) {
    return principal?.via === "token"
      ? { ok: true, principal }
      : { ok: false, status: 401, message: "The API token is not valid." };
  }
  return env.access.apiToken && secretsMatch(token, env.access.apiToken)
    ? { ok: true, principal: API_TOKEN_PRINCIPAL }
    : { ok: false, status: 401, message: "The API token is not valid." };
}

/** An error as the gateway family writes one. */
export function gatewayError(status: number, message: string, code?: string): Response {
  return Response.json(
    { error: { message, type: status >= 500 ? "upstream_error" : "invalid_request_error", ...(code ? { code } : {}) } },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * The relay speaks only the gateway's error shape: Paddock's own refusals on the way in (sign-in,
 * rate limit, body size, storage) are rewritten from `{ error: { code, message } }`, headers kept.
 */
export async function inGatewayShape(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { error?: { code?: unknown; message?: unknown; type?: unknown } } | null;
  const error = body?.error;
  if (!error || typeof error.message !== "string" || error.type !== undefined) return response;
  const rewritten = gatewayError(
    response.status,
    error.message,
    typeof error.code === "string" ? error.code : undefined,
  );
  response.headers.forEach((value, name) => {
    if (name !== "content-length" && name !== "content-type") rewritten.headers.set(name, value);
  });
  return rewritten;
}

const KIND_OF_MODEL = new Map<string, GenerationKind>(
  Object.entries(MODELS).map(([kind, model]) => [model, kind as GenerationKind]),
);

const gatewayBodySchema = z.object({
  model: z.string().max(100),
  prompt: z.unknown(),
  image: z.unknown().optional(),
  images: z.unknown().optional(),
  video: z.unknown().optional(),
  parameters: z
    .object({
      resolution: z.unknown().optional(),
      ratio: z.unknown().optional(),
      duration: z.unknown().optional(),
      watermark: z.unknown().optional(),
      seed: z.unknown().optional(),
    })
    .optional(),
});

/** The gateway's body, read into Paddock's typed request (checked as the form checks it), or why not. */
export function requestFromGatewayBody(
  body: unknown,
): { ok: true; request: GenerationRequest } | { ok: false; message: string } {
  const shape = gatewayBodySchema.safeParse(body);
  if (!shape.success)
    return { ok: false, message: "The body is { model, prompt, image? | images? | video?, parameters }." };
  const { model, prompt, image, images, video, parameters = {} } = shape.data;
  const kind = KIND_OF_MODEL.get(model);
  if (!kind) return { ok: false, message: `Unknown model "${model}": one of ${Object.values(MODELS).join(", ")}.` };
  const input = {
    kind,
    prompt,
    resolution: parameters.resolution ?? "720P",
    duration: parameters.duration ?? 5,
    watermark: parameters.watermark ?? false,
    seed: parameters.seed ?? null,
    ...(kind === "t2v" || kind === "r2v" ? { ratio: parameters.ratio ?? "16:9" } : {}),
    ...(kind === "i2v" ? { image } : {}),
    ...(kind === "r2v" ? { images } : {}),
    ...(kind === "edit" ? { video } : {}),
  } as GenerationInput;
  const parsed = generationRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "not valid"}` };
  }
  return { ok: true, request: parsed.data };
}

/**
 * A tracked task as the gateway answers it: the stored answer as received (fresh within one
 * interval: the watcher keeps it), or, before the first one, a just-submitted task.
 */
export function storedAnswer(row: TaskRow): unknown {
  if (row.raw_json) return JSON.parse(row.raw_json) as unknown;
  return {
    code: "success",
    message: "",
    data: {
      task_id: row.id,
      status: "SUBMITTED",
      progress: "0%",
      submit_time: Math.floor(row.added_at / 1000),
      start_time: 0,
      finish_time: 0,
      fail_reason: "",
    },
  };
}
