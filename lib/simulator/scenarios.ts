import type { Lifecycle, SimTask } from "@/lib/simulator/lifecycle";

/**
 * The demo's tasks: every status and action, realistic DashScope failures, a link about to
 * expire, one expired, and a task whose two levels disagree. Times are relative to `start`;
 * live phases are divided by `timeScale` so tests can run the same story faster.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The published example, answered byte for byte (its link is a placeholder and long expired). */
export const DOCUMENTED_TASK_ID = "asyntask_jwgfhsG0m2aDjLmiiELRf74eoWmss6ya";

export function scaledLifecycle(timeScale: number): Lifecycle {
  return {
    waitingMs: 6_000 / timeScale,
    queuedMs: 9_000 / timeScale,
    runningMs: 45_000 / timeScale,
    gatewayLagMs: 4_000 / timeScale,
  };
}

const PAST: Lifecycle = { waitingMs: 3_000, queuedMs: 40_000, runningMs: 95_000, gatewayLagMs: 17_000 };

export function demoTasks(start: number, timeScale: number): SimTask[] {
  const live = scaledLifecycle(timeScale);
  const liveTask = (offsetMs: number) => start - offsetMs / timeScale;
  return [
    {
      id: "asyntask_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO",
      action: "generate",
      prompt: "A chestnut horse galloping along a misty beach at sunrise, slow motion, cinematic",
      submittedAt: liveTask(25_000),
      lifecycle: live,
      outcome: { kind: "success" },
      usage: { SR: 1080, duration: 5, ratio: "16:9" },
    },
    {
      id: "asyntask_OL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJ",
      action: "referenceGenerate",
      prompt: "参考图片中的小狗在雪地里追逐红色的球，镜头跟随",
      submittedAt: liveTask(8_000),
      lifecycle: live,
      outcome: { kind: "success" },
      usage: { SR: 720, duration: 8, ratio: "9:16" },
    },
    {
      id: "asyntask_TeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vU",
      action: "firstTailGenerate",
      prompt: "From the closed flower bud in the first frame to full bloom in the last frame",
      submittedAt: start,
      lifecycle: live,
      outcome: {
        kind: "failure",
        upstream: "FAILED",
        code: "DataInspectionFailed",
        message: "Output data may contain inappropriate content.",
      },
      usage: { SR: 720, duration: 5 },
    },
    {
      id: "asyntask_CsMehGAkWvj7FAc9QeWJKY40uvSwMFLZ",
      action: "remixGenerate",
      prompt: "Remix: the same skyline at night with neon reflections on wet streets",
      submittedAt: start,
      lifecycle: { ...live, waitingMs: live.waitingMs * 3 },
      waitingStatus: "SUBMITTED",
      outcome: { kind: "success" },
      usage: { SR: 720, duration: 4, ratio: "1:1" },
    },
    {
      id: "asyntask_De1f8rESQedUStPKR0CsTy4Qwb8DwkNh",
      action: "generate",
      prompt: "A paper boat drifting down a rain gutter, macro lens, shallow depth of field",
      submittedAt: start - 35 * MINUTE,
      lifecycle: PAST,
      outcome: { kind: "stuck" },
      usage: { SR: 720, duration: 5, ratio: "16:9" },
    },
    {
      id: "asyntask_FdnXsiVpzz63FfkCzJr4i0B3JrTAwR4y",
      action: "omniGenerate",
      prompt: "Replace the grey sky with a dramatic sunset and add drifting lanterns",
      submittedAt: start - 2 * HOUR,
      lifecycle: { ...PAST, runningMs: 160_000 },
      outcome: { kind: "success" },
      usage: { SR: 1080, duration: 10, input_video_duration: 10 },
    },
    {
      id: "asyntask_9ojfljoQoaF1LlqsajAIxNKu8iS2G8NP",
      action: "generate",
      prompt: "Time-lapse of clouds rolling over a mountain ridge, golden hour",
      submittedAt: start - 5 * HOUR,
      lifecycle: PAST,
      outcome: { kind: "success" },
      usage: { SR: 720, duration: 5, ratio: "16:9" },
    },
    {
      id: "asyntask_RVdD53X83RZJzzzzgEOzdmenCkhvMdga",
      action: "firstTailGenerate",
      prompt: "A sketch of a cat that turns into a watercolor painting",
      // Finished 23 h 40 min ago: its link expires in about 20 minutes.
      submittedAt: start - 24 * HOUR + 20 * MINUTE - (PAST.waitingMs + PAST.queuedMs + PAST.runningMs),
      lifecycle: PAST,
      outcome: { kind: "success" },
      usage: { SR: 720, duration: 5 },
    },
    {
      id: "asyntask_KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg",
      action: "generate",
      prompt: "A superhero in a red and blue suit swinging between skyscrapers",
      submittedAt: start - 50 * MINUTE,
      lifecycle: PAST,
      outcome: {
        kind: "failure",
        upstream: "FAILED",
        code: "IPInfringementSuspect",
        message: "Input data is suspected of being involved in IP infringement.",
      },
      usage: { SR: 720, duration: 5 },
    },
    {
      id: "asyntask_VvVqE1SkHbn88HxjSI6bWHtP3fS2qHx6",
      action: "generate",
      prompt: "Animate the uploaded portrait: a gentle smile and a slow head turn",
      submittedAt: start - 3 * HOUR,
      lifecycle: { ...PAST, runningMs: 30_000 },
      outcome: {
        kind: "failure",
        upstream: "FAILED",
        code: "InvalidParameter",
        message: "The image url is invalid or the image could not be downloaded.",
      },
      usage: { SR: 720, duration: 5 },
    },
    {
      id: "asyntask_kwXoIIXGvOoNZYW2mZp0zVZomHFwUbbY",
      action: "referenceGenerate",
      prompt: "Product shot: the sneaker from the references rotating on a turntable",
      submittedAt: start - 7 * HOUR,
      lifecycle: PAST,
      outcome: {
        kind: "failure",
        upstream: "FAILED",
        code: "Arrearage",
        message: "Access denied, please make sure your account is in good standing.",
      },
      usage: { SR: 1080, duration: 6, ratio: "16:9" },
    },
    {
      id: "asyntask_rEqmSM9wCZ7Uw9xfogoEmvnEN5N1aE6P",
      action: "omniGenerate",
      prompt: "Make the dancer's dress flow like water",
      submittedAt: start - 9 * HOUR,
      lifecycle: PAST,
      outcome: {
        kind: "failure",
        upstream: "FAILED",
        code: "InternalError",
        message: "An internal error has occurred, please try again later or contact service support.",
      },
      usage: { SR: 720, duration: 5, input_video_duration: 6 },
    },
    {
      id: "asyntask_wZPf1Qh6yYTWmE4lBYOvfZ8UzDzV8fUk",
      action: "generate",
      prompt: "Fireworks over a harbour, reflections in the water, wide shot",
      submittedAt: start - 11 * HOUR,
      lifecycle: PAST,
      outcome: { kind: "failure", upstream: "CANCELED" },
      usage: { SR: 720, duration: 5, ratio: "16:9" },
    },
  ];
}

/**
 * Any other well-formed id becomes a fresh task the first time it is asked for, so the demo's
 * "Add tasks" works with made-up ids: one containing "fail" fails moderation, one containing
 * "missing" is unknown to the gateway, one containing "xss" carries markup, one containing "stale" was
 * submitted hours ago and never ends, every other one succeeds. A `task_` id is answered as new-api
 * answers, a UUID as old new-api versions do, and "openai", "flat" or "live" in an id pick those
 * answer shapes (lib/simulator/shapes.ts).
 */
export function improvisedTask(id: string, firstSeen: number, timeScale: number): SimTask | null {
  const lower = id.toLowerCase();
  if (lower.includes("missing")) return null;
  // Markup in a prompt or reason must reach the screen as text: the security tests check it.
  if (lower.includes("xss")) {
    return {
      id,
      action: "generate",
      prompt: '<img src=x onerror="window.__paddockXss=1">A horse <b>bold</b>',
      submittedAt: firstSeen - 120_000,
      lifecycle: { waitingMs: 1000, queuedMs: 1000, runningMs: 30_000, gatewayLagMs: 2000 },
      outcome: {
        kind: "failure",
        upstream: "FAILED",
        code: "InvalidParameter",
        message: "<script>window.__paddockXss=2</script>Bad <i>input</i>",
      },
      usage: { SR: 720, duration: 5 },
    };
  }
  // Submitted hours ago and never finishing at the platform: Paddock's watching limit gives up on it.
  if (lower.includes("stale")) {
    return {
      id,
      action: "generate",
      prompt: "A lighthouse in a storm, waves crashing, night",
      submittedAt: firstSeen - 3 * HOUR,
      lifecycle: PAST,
      outcome: { kind: "stuck" },
      usage: { SR: 720, duration: 5, ratio: "16:9" },
    };
  }
  const fails = lower.includes("fail");
  return {
    id,
    action: "generate",
    prompt: fails ? "A crowded street scene, unfiltered" : "A horse trotting through a field of sunflowers",
    submittedAt: firstSeen,
    lifecycle: scaledLifecycle(timeScale),
    outcome: fails
      ? {
          kind: "failure",
          upstream: "FAILED",
          code: "DataInspectionFailed",
          message: "Input data may contain inappropriate content.",
        }
      : { kind: "success" },
    usage: { SR: 720, duration: 5, ratio: "16:9" },
  };
}

/** Who the demo's tasks were for, so the usage review has labels to show (Paddock-side, not the gateway's). */
export const DEMO_LABELS: Record<string, string> = {
  asyntask_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO: "Spring campaign",
  asyntask_OL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJ: "Ada",
  asyntask_FdnXsiVpzz63FfkCzJr4i0B3JrTAwR4y: "Spring campaign",
  asyntask_9ojfljoQoaF1LlqsajAIxNKu8iS2G8NP: "Ada",
  asyntask_RVdD53X83RZJzzzzgEOzdmenCkhvMdga: "Client: Northwind",
  asyntask_KjIg8xNbe3nNyjOq9wMxEhh2FDEEtfjg: "Client: Northwind",
  asyntask_kwXoIIXGvOoNZYW2mZp0zVZomHFwUbbY: "Spring campaign",
  asyntask_rEqmSM9wCZ7Uw9xfogoEmvnEN5N1aE6P: "Ada",
};
