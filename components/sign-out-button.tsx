"use client";

import { LogOutIcon } from "lucide-react";

import { Button } from "@/components/ui/button";

export function SignOutButton() {
  async function signOut() {
    await fetch("/api/session", { method: "DELETE" }).catch(() => undefined);
    window.location.assign("/sign-in");
  }
  return (
    <Button type="button" variant="ghost" size="icon" onClick={signOut} aria-label="Sign out" title="Sign out">
      <LogOutIcon />
    </Button>
  );
}
