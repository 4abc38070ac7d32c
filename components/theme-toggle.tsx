"use client";

import { MonitorIcon, MoonIcon, SunIcon } from "lucide-react";
import { useTheme } from "next-themes";

import { useHydrated } from "@/components/hooks/use-hydrated";
import { Button } from "@/components/ui/button";

const THEMES = ["system", "light", "dark"] as const;
const ICONS = { system: MonitorIcon, light: SunIcon, dark: MoonIcon } as const;

/** Cycles system → light → dark; the choice is remembered by next-themes. */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  // The server does not know the stored choice: render "system" until hydrated.
  const hydrated = useHydrated();
  const current = THEMES.find((candidate) => hydrated && candidate === theme) ?? "system";
  const Icon = ICONS[current];
  const label = `Theme: ${current}. Switch theme`;
  const next = THEMES[(THEMES.indexOf(current) + 1) % THEMES.length] ?? "system";
  return (
    <Button type="button" variant="ghost" size="icon" onClick={() => setTheme(next)} aria-label={label} title={label}>
      <Icon />
    </Button>
  );
}
