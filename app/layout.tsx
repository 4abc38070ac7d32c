import "./globals.css";

import type { Metadata } from "next";
import localFont from "next/font/local";
import { headers } from "next/headers";
import type * as React from "react";

import { Providers } from "@/components/providers";
import { SiteHeader } from "@/components/site-header";
import { currentMode } from "@/lib/server/mode";
import { signInRequired } from "@/lib/server/page-access";

// Geist (the geist package's variable fonts) cut to Latin, 59 kB for both instead of 140 kB: they
// are preloaded beside the page's scripts, and on a slow link every byte of them delays the first
// paint. Other characters fall back to the system font. How they are made: app/fonts/README.md.
const geistSans = localFont({
  src: "./fonts/geist-sans-latin.woff2",
  variable: "--font-geist-sans",
  weight: "100 900",
});
const geistMono = localFont({
  src: "./fonts/geist-mono-latin.woff2",
  variable: "--font-geist-mono",
  weight: "100 900",
  adjustFontFallback: false,
  fallback: ["ui-monospace", "SFMono-Regular", "Roboto Mono", "Menlo", "Monaco", "Liberation Mono", "monospace"],
});

export const metadata: Metadata = {
  title: { default: "Paddock", template: "%s · Paddock" },
  description: "Watch HappyHorse video generation tasks live.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html
      lang="en"
      className={`${geistSans.variable} ${geistMono.variable}`}
      data-app="paddock"
      suppressHydrationWarning
    >
      <body className="min-h-screen font-sans">
        <Providers nonce={nonce}>
          <a
            href="#main"
            className="sr-only rounded-md bg-primary px-3 py-2 text-sm text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
          >
            Skip to content
          </a>
          <SiteHeader mode={currentMode()} signInRequired={signInRequired()} />
          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 outline-none">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
