import Link from "next/link";

import { AccountMenu } from "@/components/account-menu";
import { GoToTask } from "@/components/go-to-task";
import { ThemeToggle } from "@/components/theme-toggle";

const NAV_LINKS = [
  { href: "/", label: "Board" },
  { href: "/generations/new", label: "New generation" },
  { href: "/usage", label: "Usage" },
  { href: "/settings", label: "Settings" },
] as const;

interface SiteHeaderProps {
  mode: "live" | "demo" | null;
  signInRequired: boolean;
}

export function SiteHeader({ mode, signInRequired }: SiteHeaderProps) {
  return (
    <header className="border-b bg-background/80 backdrop-blur">
      {mode === "demo" ? (
        <div role="note" className="bg-status-queued/15 px-4 py-1.5 text-center text-xs" data-testid="demo-banner">
          <strong>Demo mode.</strong> Paddock is watching its built-in simulator, not a real gateway. Set{" "}
          <code>HAPPYHORSE_API_KEY</code> and <code>HAPPYHORSE_BASE_URL</code> to watch your own tasks.
        </div>
      ) : null}
      <div className="mx-auto flex min-h-14 max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-2">
        <nav aria-label="Main" className="flex items-center gap-5">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <span
              aria-hidden="true"
              className="grid size-7 place-items-center rounded-md bg-primary text-primary-foreground"
            >
              P
            </span>
            Paddock
          </Link>
          {NAV_LINKS.map(({ href, label }) => (
            <Link key={href} href={href} className="text-sm text-muted-foreground hover:text-foreground">
              {label}
            </Link>
          ))}
        </nav>
        <div className="flex items-center gap-2">
          <GoToTask />
          <ThemeToggle />
          {signInRequired ? <AccountMenu /> : null}
        </div>
      </div>
    </header>
  );
}
