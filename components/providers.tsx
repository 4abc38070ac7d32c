"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type * as React from "react";
import { useEffect } from "react";

import { ThemeProvider } from "@/components/theme";
import { Toaster } from "@/components/ui/sonner";
import { getQueryClient } from "@/lib/query-client";

interface ProvidersProps {
  /** The page's CSP nonce, for the inline script that sets the theme before the first paint. */
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
    <ThemeProvider nonce={nonce}>
      <QueryClientProvider client={queryClient}>
        <NuqsAdapter>{children}</NuqsAdapter>
        <Toaster richColors closeButton position="bottom-right" />
      </QueryClientProvider>
    </ThemeProvider>
  );
}
