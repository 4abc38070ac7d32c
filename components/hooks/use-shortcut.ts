"use client";

import { useEffect, useEffectEvent } from "react";

const TYPING_TARGETS = "input, textarea, select, [contenteditable='true']";

/**
 * Runs `onPress` when `key` is pressed anywhere on the page, unless the person is typing, a
 * modifier is held, or a dialog is open (its own keys come first).
 */
export function useShortcut(key: string, onPress: () => void) {
  const press = useEffectEvent(onPress);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== key || event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(TYPING_TARGETS) || document.querySelector("[role='dialog']")) return;
      event.preventDefault();
      press();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [key]);
}
