"use client";

import { LockIcon } from "lucide-react";
import { useId, useState } from "react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { signInRequest } from "@/lib/api-client/session";

interface SignInFormProps {
  next: string;
}

export function SignInForm({ next }: SignInFormProps) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const inputId = useId();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await signInRequest(password);
      // A full navigation, so every server component renders with the new session.
      window.location.assign(next);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "Sign-in failed.");
      setPending(false);
    }
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="flex w-full max-w-sm flex-col gap-3 rounded-xl border bg-card p-6 shadow-sm"
    >
      <div className="flex items-center gap-2">
        <LockIcon className="size-5" aria-hidden="true" />
        <h1 className="text-lg font-semibold">Sign in to Paddock</h1>
      </div>
      <Label htmlFor={inputId}>Password</Label>
      <Input
        id={inputId}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        aria-invalid={error !== null}
        autoFocus
        required
      />
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending || password.length === 0}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
