import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata } from "next";
import { headers } from "next/headers";
import type * as React from "react";

import "./globals.css";

import { Providers } from "@/components/providers";
import { SiteHeader } from "@/components/site-header";
import { THEME_BOOT_SCRIPT } from "@/components/theme-toggle";
import { currentMode } from "@/lib/server/mode";
import { signInRequired } from "@/lib/server/page-access";

export const metadata: Metadata = {
  title: { default: "Paddock", template: "%s · Paddock" },
  description: "Watch HappyHorse video generation tasks live.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <Providers>
          <SiteHeader mode={currentMode()} signInRequired={signInRequired()} />
          <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
