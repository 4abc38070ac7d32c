"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type * as React from "react";
import { useEffect } from "react";

import { Toaster } from "@/components/ui/sonner";
import { getQueryClient } from "@/lib/query-client";

export const THEME_STORAGE_KEY = "paddock-theme";

interface ProvidersProps {
  /** The page's CSP nonce, for next-themes' inline script that sets the theme before the first paint. */
  nonce: string | undefined;
  children: React.ReactNode;
}

/** Everything the client side shares: the query client, the theme, URL state and toasts. */
export function Providers({ nonce, children }: ProvidersProps) {
  const queryClient = getQueryClient();
  // The server-rendered page is live from here on (its handlers are attached): tests wait for this.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <ThemeProvider
      attribute="class"
      storageKey={THEME_STORAGE_KEY}
      enableSystem
      disableTransitionOnChange
      nonce={nonce}
    >
      <QueryClientProvider client={queryClient}>
        <NuqsAdapter>{children}</NuqsAdapter>
        <Toaster richColors closeButton position="bottom-right" />
      </QueryClientProvider>
    </ThemeProvider>
  );
}
