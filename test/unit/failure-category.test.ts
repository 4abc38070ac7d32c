import { describe, expect, it } from "vitest";

import { classifyFailure, type FailureCategory } from "@/lib/tasks/failure-category";

// Real reason texts as DashScope and the gateways word them, with and without the code.
const CASES: Array<[string | null, string | null, string | null, FailureCategory]> = [
  ["DataInspectionFailed", "Input data may contain inappropriate content.", "FAILED", "moderation"],
  [null, "Input data may contain inappropriate content.", null, "moderation"],
  [null, "Output data may contain inappropriate content.", null, "moderation"],
  [
    "IPInfringementSuspect",
    "Input data is suspected of being involved in IP infringement.",
    "FAILED",
    "ip_infringement",
  ],
  [null, "Input data is suspected of being involved in IP infringement.", null, "ip_infringement"],
  [null, "任务超时（1440分钟）", "RUNNING", "gateway_timeout"],
  [null, "timeout", null, "gateway_timeout"],
  [null, "The input text contains sensitive words", null, "moderation"],
  ["DataInspectionFailed.ImageContent", null, "FAILED", "moderation"],
  ["InvalidParameter", "The image url is invalid or the image could not be downloaded.", "FAILED", "bad_request"],
  [null, "Download the media resource timed out during the data inspection process.", null, "bad_request"],
  ["BadRequest.TooLarge", "Image size exceeds the limit", "FAILED", "bad_request"],
  ["InvalidURL", "The provided URL is invalid", "FAILED", "bad_request"],
  [null, "The aspect ratio of the image is not supported", null, "bad_request"],
  ["Arrearage", "Access denied, please make sure your account is in good standing.", "FAILED", "account"],
  [null, "Access denied, please make sure your account is in good standing.", null, "account"],
  ["Throttling.AllocationQuota", "Free allocated quota exceeded.", "FAILED", "account"],
  ["Throttling.RateQuota", "Requests rate limit exceeded, please try again later.", "FAILED", "rate_limited"],
  ["Throttling", "Too many requests in route. Please try again later.", "FAILED", "rate_limited"],
  [null, "Requests rate limit exceeded, please try again later.", null, "rate_limited"],
  [
    "InternalError",
    "An internal error has occurred, please try again later or contact service support.",
    "FAILED",
    "upstream_fault",
  ],
  [null, "An internal error has occured, please try again later or contact service support.", null, "upstream_fault"],
  [null, "Task timed out upstream", null, "upstream_fault"],
  ["InternalError.Algo", "Algorithm process error", "FAILED", "upstream_fault"],
  [null, null, "CANCELED", "canceled"],
  [null, "The task was canceled upstream.", "CANCELED", "canceled"],
  [null, null, "UNKNOWN", "canceled"],
  [null, "The upstream task is missing or expired (DashScope keeps tasks for 24 hours).", "UNKNOWN", "canceled"],
  [null, "Something nobody has seen before", "FAILED", "unknown"],
  [null, null, null, "unknown"],
  ["SomeNewCode", "Quantum flux mismatch", "FAILED", "unknown"],
];

describe("classifyFailure", () => {
  it.each(CASES)("%s / %s / %s → %s", (code, message, upstreamStatus, category) => {
    expect(classifyFailure({ code, message, upstreamStatus })).toBe(category);
  });
});
