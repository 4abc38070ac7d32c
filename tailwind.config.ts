import type { Config } from "tailwindcss";

/**
 * Paddock's design system: the status palette and the fonts. Loaded from app/globals.css with
 * `@config`; the neutral shadcn tokens live in globals.css.
 */
const config: Config = {
  content: [],
  theme: {
    extend: {
      fontFamily: {
        sans: ["var(--font-geist-sans)", "ui-sans-serif", "system-ui", "sans-serif"],
        mono: ["var(--font-geist-mono)", "ui-monospace", "SFMono-Regular", "monospace"],
      },
      colors: {
        status: {
          waiting: "var(--status-waiting)",
          queued: "var(--status-queued)",
          running: "var(--status-running)",
          success: "var(--status-success)",
          failure: "var(--status-failure)",
          unknown: "var(--status-unknown)",
        },
      },
    },
  },
};

export default config;
