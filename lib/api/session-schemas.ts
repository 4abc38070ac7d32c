import { z } from "zod/mini";

/** The answers of `/api/session`. */

export const sessionStateSchema = z.object({ required: z.boolean(), signedIn: z.boolean() });
export type SessionState = z.infer<typeof sessionStateSchema>;

export const signInResponseSchema = z.object({ signedIn: z.literal(true), expiresAt: z.number() });
