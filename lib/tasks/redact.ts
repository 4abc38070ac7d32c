import { redactSignedUrl } from "@/lib/tasks/video-link";

/** A deep copy of a JSON value with every signed URL's credentials replaced. */
export function redactJson(value: unknown): unknown {
  if (typeof value === "string") return /^https?:\/\//i.test(value) ? redactSignedUrl(value) : value;
  if (Array.isArray(value)) return value.map(redactJson);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactJson(inner)]));
  }
  return value;
}
