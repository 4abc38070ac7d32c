/**
 * Why a task failed, by where the failure comes from (DashScope error codes first, then the
 * message's words, since the platform often keeps only the message). Pure and table-driven.
 */

export const FAILURE_CATEGORIES = {
  moderation: {
    label: "Content moderation",
    retry: false,
    advice:
      "The prompt or an input was flagged by content moderation. Change the prompt or the images; retrying as is fails again.",
  },
  ip_infringement: {
    label: "Suspected IP infringement",
    retry: false,
    advice:
      "The input looks like someone else's protected work: a known character, brand, logo or artwork. Describe an original subject instead of a recognisable one and use your own images; retrying as is fails again.",
  },
  bad_request: {
    label: "Bad request",
    retry: false,
    advice:
      "An input or parameter was not accepted (for example an image that cannot be downloaded or is too large). Fix the input and submit again.",
  },
  account: {
    label: "Account or quota",
    retry: false,
    advice: "The gateway account is out of balance or quota. Top up or raise the quota, then submit again.",
  },
  rate_limited: {
    label: "Rate limited",
    retry: true,
    advice: "Too many requests at once upstream. Retry later, a few minutes apart.",
  },
  upstream_fault: {
    label: "Upstream fault",
    retry: true,
    advice: "DashScope or the gateway failed on its side. Retrying the same request usually works.",
  },
  gateway_timeout: {
    label: "Timed out at the gateway",
    retry: true,
    advice:
      "The gateway stopped waiting for DashScope and failed the task (its own time limit), even if DashScope was still working. Submit the same request again; the platform refunds the timed-out task.",
  },
  canceled: {
    label: "Canceled or expired",
    retry: false,
    advice:
      "The task was canceled, or it is older than DashScope keeps tasks (24 h). Submit a new generation if the video is still needed.",
  },
  unknown: {
    label: "Unknown",
    retry: false,
    advice:
      "Paddock does not recognise this reason; the raw text is shown. Quote both request ids to the gateway's support.",
  },
} as const satisfies Record<string, { label: string; retry: boolean; advice: string }>;

export type FailureCategory = keyof typeof FAILURE_CATEGORIES;
export const FAILURE_CATEGORY_KEYS = Object.keys(FAILURE_CATEGORIES) as [FailureCategory, ...FailureCategory[]];

const CODE_RULES: ReadonlyArray<[RegExp, FailureCategory]> = [
  [/^IPInfringement/i, "ip_infringement"],
  [/^(DataInspection|InappropriateContent|ContentModeration)/i, "moderation"],
  [/^(Arrearage|Throttling\.AllocationQuota|AccessDenied\.Unpurchased|QuotaExhausted|InsufficientBalance)/i, "account"],
  [/^Throttling/i, "rate_limited"],
  [/^(InvalidParameter|BadRequest|InvalidURL|InvalidFile|InvalidImage|InvalidVideo|MissingParameter)/i, "bad_request"],
  [/^(InternalError|SystemError|ServiceUnavailable|RequestTimeOut|Timeout)/i, "upstream_fault"],
];

/** The gateway's own timeout sweep: new-api writes 任务超时（N分钟）. */
export const GATEWAY_TIMEOUT_PATTERN =
  /^任务超时|^(?:task )?timeout$|timed out at the gateway|^task timeout \(\d+ ?min/i;

const MESSAGE_RULES: ReadonlyArray<[RegExp, FailureCategory]> = [
  [GATEWAY_TIMEOUT_PATTERN, "gateway_timeout"],
  [/infringement|copyright|intellectual property/i, "ip_infringement"],
  [/inappropriate|sensitive|moderation|green ?net|violat/i, "moderation"],
  [
    /good standing|arrear|balance|quota (?:has been )?exhausted|allocation ?quota|insufficient (?:funds|balance)|top ?up/i,
    "account",
  ],
  [/rate ?limit|too many requests|throttl|requests? rate/i, "rate_limited"],
  [
    /invalid|cannot be downloaded|could not be downloaded|download.*(?:fail|timed? ?out)|media resource|too (?:large|long|small)|exceed|unsupported|not supported|malformed|resolution|aspect ratio/i,
    "bad_request",
  ],
  [
    /internal (?:server )?error|timed? ?out|timeout|service unavailable|try again later|upstream (?:returned )?error|5\d\d|system error/i,
    "upstream_fault",
  ],
  [/cancel|expired|no longer exists/i, "canceled"],
];

export interface FailureInput {
  code: string | null;
  message: string | null;
  upstreamStatus: string | null;
  /** The gateway's own reason, when it differs from the message (its timeout sweep decides). */
  gatewayReason?: string | null;
}

export function classifyFailure({ code, message, upstreamStatus, gatewayReason }: FailureInput): FailureCategory {
  if (gatewayReason && GATEWAY_TIMEOUT_PATTERN.test(gatewayReason)) return "gateway_timeout";
  if (code) {
    const byCode = CODE_RULES.find(([pattern]) => pattern.test(code));
    if (byCode) return byCode[1];
  }
  if (message) {
    const byMessage = MESSAGE_RULES.find(([pattern]) => pattern.test(message));
    if (byMessage) return byMessage[1];
  }
  if (upstreamStatus === "CANCELED" || upstreamStatus === "UNKNOWN") return "canceled";
  return "unknown";
}
