// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { VideoPreview } from "@/components/tasks/video-preview";
import { formatLocalTime } from "@/lib/tasks/format-time";

const NOW = 1_800_000_000_000;
const EXPIRES_AT = NOW + 3 * 60 * 60 * 1000;

beforeEach(() =>
  vi.useFakeTimers({ now: NOW, toFake: ["Date", "setInterval", "clearInterval", "setTimeout", "clearTimeout"] }),
);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("VideoPreview", () => {
  it("counts the link down, and says when it expires once pointed at", async () => {
    render(
      <VideoPreview
        taskId="asyntask_preview1"
        title="A preview"
        onDemand
        video={{
          url: "https://bucket.oss-cn-beijing.aliyuncs.com/v.mp4",
          expiresAt: EXPIRES_AT,
          expiresSource: "signature",
          expired: false,
          allowed: true,
        }}
      />,
    );
    // The countdown appears once the page's clock ticks.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000);
    });
    const countdown = screen.getByText(/Link expires in/);
    // Its hover text is made when pointed at, not with the card.
    expect(countdown.getAttribute("title")).toBeNull();
    fireEvent.pointerEnter(countdown);
    expect(countdown.getAttribute("title")).toBe(`Expires ${formatLocalTime(EXPIRES_AT, false)}`);
  });
});
