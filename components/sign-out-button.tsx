"use client";

import { LogOutIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { signOutRequest } from "@/lib/api-client/session";

export function SignOutButton() {
  async function signOut() {
    // Signing out ends with the sign-in page whatever the answer: the cookie is httpOnly.
    await signOutRequest().catch(() => undefined);
    // A full navigation on purpose: it drops every cached answer of the signed-out session.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/sign-in");
  }
  return (
    <Button
      type="button"
      variant="ghost"
      size="icon"
      onClick={() => void signOut()}
      aria-label="Sign out"
      title="Sign out"
    >
      <LogOutIcon />
    </Button>
  );
}
