"use client";

import { MonitorIcon, MoonIcon, SunIcon } from "lucide-react";

import { THEMES, useTheme } from "@/components/theme";
import { Button } from "@/components/ui/button";

const ICONS = { system: MonitorIcon, light: SunIcon, dark: MoonIcon } as const;

/** Cycles system → light → dark; the choice is remembered (components/theme). */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  // "system" on the server and while hydrating: the server does not know the stored choice.
  const Icon = ICONS[theme];
  const label = `Theme: ${theme}. Switch theme`;
  const next = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length] ?? "system";
  return (
    <Button type="button" variant="ghost" size="icon" onClick={() => setTheme(next)} aria-label={label} title={label}>
      <Icon />
    </Button>
  );
}
