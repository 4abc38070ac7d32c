"use client";

import { useQuery } from "@tanstack/react-query";
import { KeyRoundIcon, LogOutIcon, MonitorSmartphoneIcon, UserRoundIcon } from "lucide-react";
import Link from "next/link";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { sessionKeys, sessionStateRequest, signOutEverywhereRequest, signOutRequest } from "@/lib/api-client/session";

/** Leaves for the sign-in page with a full navigation: it drops every cached answer of the session. */
function toSignIn() {
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign("/sign-in");
}

/** Who is signed in, in the header, with signing out (here or everywhere) and personal API tokens. */
export function AccountMenu() {
  const session = useQuery({ queryKey: sessionKeys.all, queryFn: sessionStateRequest, staleTime: 60_000 });
  const who = session.data?.who ?? null;
  const name = who?.name ?? "Account";

  async function signOut() {
    // Signing out ends with the sign-in page whatever the answer: the cookie is httpOnly.
    await signOutRequest().catch(() => undefined);
    toSignIn();
  }

  async function signOutEverywhere() {
    try {
      await signOutEverywhereRequest();
      toSignIn();
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not sign out everywhere.");
    }
  }

  if (!session.data?.signedIn || !who) return null;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="max-w-48 gap-2" data-testid="account-menu">
          <UserRoundIcon aria-hidden="true" />
          <span className="truncate">{name}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>
          <span className="block text-xs text-muted-foreground">Signed in as</span>
          <span className="block truncate font-medium">{name}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/account">
            <MonitorSmartphoneIcon aria-hidden="true" />
            Sessions
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/settings#tokens">
            <KeyRoundIcon aria-hidden="true" />
            API tokens
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void signOut()}>
          <LogOutIcon aria-hidden="true" />
          Sign out
        </DropdownMenuItem>
        <DropdownMenuItem variant="destructive" onSelect={() => void signOutEverywhere()}>
          <MonitorSmartphoneIcon aria-hidden="true" />
          {who?.kind === "team" ? "Sign out every password session" : "Sign out everywhere"}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
