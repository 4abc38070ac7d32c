"use client";

import type * as React from "react";
import { useEffect, useSyncExternalStore } from "react";

/**
 * The colour theme: the system's, light or dark, remembered in localStorage, applied as the `dark`
 * class on <html> (Tailwind's dark variant).
 *
 * Paddock's own, not next-themes: next-themes applies the theme again when it mounts, with every
 * transition switched off by a `*` style that it adds, forces through getComputedStyle and removes
 * a moment later. Each of those restyles the whole document, on every page load, in tasks of their
 * own; on the board that was two tasks of about 30 ms here, four times that on Lighthouse's phone.
 * Here the inline script sets the class before the first paint, and the page touches it again only
 * when the viewer picks another theme or the system's scheme changes.
 */

export type Theme = "system" | "light" | "dark";
export const THEMES: readonly Theme[] = ["system", "light", "dark"];
const THEME_STORAGE_KEY = "paddock-theme";

const DARK_QUERY = "(prefers-color-scheme: dark)";

const isTheme = (value: unknown): value is Theme => value === "light" || value === "dark" || value === "system";

/**
 * Runs before the first paint (inline, in the server's HTML), so a dark page never flashes light.
 * Kept in step with `applyTheme` below.
 */
const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t!=="light"&&t!=="dark")t=matchMedia(${JSON.stringify(DARK_QUERY)}).matches?"dark":"light";document.documentElement.classList.toggle("dark",t==="dark")}catch(e){}})()`;

function readStoredTheme(): Theme {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return isTheme(stored) ? stored : "system";
  } catch {
    return "system"; // storage refused (privacy settings): the system's scheme
  }
}

function applyTheme(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && window.matchMedia(DARK_QUERY).matches);
  document.documentElement.classList.toggle("dark", dark);
}

/** A theme change repaints at once, not through every element's colour transition. */
function withoutTransitions(change: () => void) {
  const style = document.createElement("style");
  style.textContent = "*,*::before,*::after{transition:none!important}";
  document.head.append(style);
  change();
  void window.getComputedStyle(document.body).color; // the new colours, computed without transitions
  window.setTimeout(() => style.remove(), 1);
}

// The chosen theme as a store: read once, changed by setTheme here or by another tab.
let current: Theme | undefined;
const listeners = new Set<() => void>();

function getTheme(): Theme {
  current ??= readStoredTheme();
  return current;
}

function setCurrent(theme: Theme) {
  current = theme;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Follows another tab's choice and, when the choice is "system", the system's scheme. */
function watchChanges() {
  const onStorage = (event: StorageEvent) => {
    // A null key: the other tab cleared the storage, the choice with it.
    if (event.key !== THEME_STORAGE_KEY && event.key !== null) return;
    const next = event.key !== null && isTheme(event.newValue) ? event.newValue : "system";
    withoutTransitions(() => applyTheme(next));
    setCurrent(next);
  };
  const media = window.matchMedia(DARK_QUERY);
  const onSystem = () => {
    if (getTheme() === "system") withoutTransitions(() => applyTheme("system"));
  };
  window.addEventListener("storage", onStorage);
  media.addEventListener("change", onSystem);
  return () => {
    window.removeEventListener("storage", onStorage);
    media.removeEventListener("change", onSystem);
  };
}

function setTheme(theme: Theme) {
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // not remembered, still applied
  }
  withoutTransitions(() => applyTheme(theme));
  setCurrent(theme);
}

/**
 * The chosen theme: "system" on the server and while the page hydrates (the server does not know
 * the choice), the stored one after.
 */
export function useTheme(): { theme: Theme; setTheme: (theme: Theme) => void } {
  const theme = useSyncExternalStore(subscribe, getTheme, () => "system" as const);
  return { theme, setTheme };
}

interface ThemeProviderProps {
  /** The page's CSP nonce, for the inline script. Browsers hide a nonce from scripts, so the client renders it empty. */
  nonce: string | undefined;
  children: React.ReactNode;
}

/**
 * The inline script that sets the theme before the first paint, and the listeners for changes made
 * elsewhere. Mounting changes nothing on the page: the script has already set the class.
 */
export function ThemeProvider({ nonce, children }: ThemeProviderProps) {
  useEffect(watchChanges, []);
  return (
    <>
      <script
        nonce={typeof window === "undefined" ? nonce : ""}
        suppressHydrationWarning
        dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }}
      />
      {children}
    </>
  );
}
