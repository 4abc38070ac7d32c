import { type ChangeKind, changesResponseSchema } from "@/lib/api/change-schemas";
import { apiFetch } from "@/lib/api-client/fetch";

/** A page of the change log after `after` (the last sequence number seen), of these kinds only. */
export function changesRequest(after: number, kinds: readonly ChangeKind[], limit = 500) {
  const params = new URLSearchParams({ after: String(after), limit: String(limit), kinds: kinds.join(",") });
  return apiFetch(`/api/changes?${params.toString()}`, changesResponseSchema);
}
