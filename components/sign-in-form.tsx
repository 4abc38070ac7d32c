"use client";

import { KeyRoundIcon, LockIcon } from "lucide-react";
import { useId, useState } from "react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { signInRequest } from "@/lib/api-client/session";

interface SignInFormProps {
  next: string;
  /** Whether the shared password is accepted. */
  password: boolean;
  /** The identity provider's name, when sign-in through it is on. */
  oidc: string | null;
  /** Why the last sign-in through the identity provider did not work. */
  error: string | null;
}

export function SignInForm({ next, password: passwordOn, oidc, error: initialError }: SignInFormProps) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError);
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
    <div className="flex w-full max-w-sm flex-col gap-4 rounded-xl border bg-card p-6 shadow-sm">
      <div className="flex items-center gap-2">
        <LockIcon className="size-5" aria-hidden="true" />
        <h1 className="text-lg font-semibold">Sign in to Paddock</h1>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {oidc ? (
        <Button asChild variant={passwordOn ? "outline" : "default"}>
          {/* A plain link: the provider's page is a full navigation, never a fetch. */}
          <a href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}>
            <KeyRoundIcon aria-hidden="true" />
            Sign in with {oidc}
          </a>
        </Button>
      ) : null}
      {oidc && passwordOn ? (
        <p className="text-center text-xs text-muted-foreground" aria-hidden="true">
          or with the team&apos;s password
        </p>
      ) : null}
      {passwordOn ? (
        <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3">
          <Label htmlFor={inputId}>Password</Label>
          <Input
            id={inputId}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={error !== null && !initialError}
            autoFocus={!oidc}
            required
          />
          <Button type="submit" disabled={pending || password.length === 0}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
