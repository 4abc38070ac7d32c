import { createParser, type inferParserType, parseAsNumberLiteral, parseAsStringLiteral } from "nuqs/server";

import { ACTION_PATTERN } from "@/lib/tasks/board-query";
import { LABEL_MAX_LENGTH } from "@/lib/tasks/label";
import { STATUS_GROUPS } from "@/lib/tasks/status";
import { PERIODS, TIERS } from "@/lib/usage/usage-query";

/** The usage review's state in the address bar: a period name or a custom range of dates, and the filters. */

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const text = (parse: (value: string) => string | null) => createParser({ parse, serialize: (value: string) => value });

export const usageSearchParams = {
  period: parseAsStringLiteral(PERIODS).withDefault("7d"),
  /** YYYY-MM-DD, inclusive, for the custom period. */
  from: text((value) => (DATE_PATTERN.test(value) ? value : null)),
  to: text((value) => (DATE_PATTERN.test(value) ? value : null)),
  label: text((value) => value.trim().slice(0, LABEL_MAX_LENGTH) || null),
  action: text((value) => (ACTION_PATTERN.test(value) ? value : null)),
  tier: parseAsNumberLiteral(TIERS),
  status: parseAsStringLiteral(STATUS_GROUPS),
};

export type UsagePageState = inferParserType<typeof usageSearchParams>;
