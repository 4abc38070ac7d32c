import { z } from "zod/mini";

import { lazySchema } from "@/lib/lazy-schema";

/** The answers of `/api/session` and `/api/tokens`. */

export const sessionStateSchema = lazySchema(() =>
  z.object({
    required: z.boolean(),
    signedIn: z.boolean(),
    methods: z.object({ password: z.boolean(), oidc: z.nullable(z.string()) }),
    /** Who this session is: a person (identity provider) or the team (shared password). */
    who: z.nullable(
      z.object({
        name: z.string(),
        kind: z.enum(["person", "team"]),
        via: z.enum(["open", "session", "token"]),
      }),
    ),
  }),
);
export type SessionState = z.infer<typeof sessionStateSchema>;

export const signInResponseSchema = lazySchema(() => z.object({ signedIn: z.literal(true), expiresAt: z.number() }));

export const signedOutEverywhereSchema = lazySchema(() => z.object({ ended: z.number() }));

export const personalTokenSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    description: z.string(),
    createdAt: z.number(),
    lastUsedAt: z.nullable(z.number()),
  }),
);
export type PersonalToken = z.infer<typeof personalTokenSchema>;

export const tokenListSchema = lazySchema(() => z.object({ tokens: z.array(personalTokenSchema) }));

/** A new token: the secret is in this answer only, never again. */
export const createdTokenSchema = lazySchema(() => z.object({ token: z.string(), created: personalTokenSchema }));
