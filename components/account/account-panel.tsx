"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRoundIcon, LockOpenIcon } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { toast } from "sonner";

import { CopyButton } from "@/components/tasks/copy-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Empty, EmptyDescription, EmptyHeader, EmptyMedia } from "@/components/ui/empty";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import type { PersonalToken } from "@/lib/api/session-schemas";
import {
  createTokenRequest,
  revokeTokenRequest,
  sessionKeys,
  sessionStateRequest,
  signOutEverywhereRequest,
  tokensRequest,
} from "@/lib/api-client/session";
import { formatLocalTime } from "@/lib/tasks/format-time";

interface AccountPanelProps {
  signInRequired: boolean;
}

export function AccountPanel({ signInRequired }: AccountPanelProps) {
  const session = useQuery({ queryKey: sessionKeys.all, queryFn: sessionStateRequest });
  if (!signInRequired) {
    return (
      <Empty>
        <EmptyHeader>
          <EmptyMedia variant="icon">
            <LockOpenIcon />
          </EmptyMedia>
          <h2 className="text-lg font-medium">Sign-in is off</h2>
          <EmptyDescription>
            With no sign-in there are no sessions. Set <code>PADDOCK_PASSWORD</code> or the <code>PADDOCK_OIDC_*</code>{" "}
            variables on the server to have them.
          </EmptyDescription>
        </EmptyHeader>
      </Empty>
    );
  }
  const who = session.data?.who;
  return (
    <>
      <section aria-labelledby="sessions-heading" className="flex flex-col gap-3 rounded-xl border bg-card p-5">
        <h2 id="sessions-heading" className="font-medium">
          Sessions
        </h2>
        {who ? (
          <p className="text-sm">
            Signed in as <strong>{who.name}</strong>
            {who.kind === "team" ? " with the team's shared password." : " through the identity provider."}
          </p>
        ) : (
          <Skeleton className="h-5 w-64" />
        )}
        <SignOutEverywhere team={who?.kind === "team"} />
      </section>
      <p className="text-sm text-muted-foreground">
        Tokens for scripts that act as you are on{" "}
        <Link href="/settings#tokens" className="underline underline-offset-4 hover:text-foreground">
          Settings
        </Link>
        .
      </p>
    </>
  );
}

/** The Settings page's personal API tokens (or why there are none: sign-in is off). */
export function PersonalTokens({ signInRequired }: AccountPanelProps) {
  if (signInRequired) return <TokensSection />;
  return (
    <section aria-labelledby="tokens-heading" id="tokens" className="flex flex-col gap-2 rounded-xl border bg-card p-5">
      <h2 id="tokens-heading" className="font-medium">
        Personal API tokens
      </h2>
      <p className="text-sm text-muted-foreground">
        Personal tokens need sign-in: set <code>PADDOCK_PASSWORD</code> or the <code>PADDOCK_OIDC_*</code> variables on
        the server. Until then scripts use the operator&apos;s <code>PADDOCK_API_TOKEN</code>, when it is set.
      </p>
    </section>
  );
}

function SignOutEverywhere({ team }: { team: boolean }) {
  const mutation = useMutation({
    mutationFn: signOutEverywhereRequest,
    onSuccess: () => {
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/sign-in");
    },
    onError: (error) => toast.error(error.message),
  });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="outline" onClick={() => mutation.mutate()} disabled={mutation.isPending}>
        {team ? "Sign out every password session" : "Sign out everywhere"}
      </Button>
      <p className="text-xs text-muted-foreground">
        {team
          ? "Ends every session made with the shared password, on every device, this one included."
          : "Ends every session of yours, on every device, this one included."}
      </p>
    </div>
  );
}

function TokensSection() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: sessionKeys.tokens, queryFn: tokensRequest });
  const [description, setDescription] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const inputId = useId();
  const create = useMutation({
    mutationFn: createTokenRequest,
    onSuccess: (answer) => {
      setSecret(answer.token);
      setDescription("");
      void queryClient.invalidateQueries({ queryKey: sessionKeys.tokens });
    },
  });
  return (
    <section
      aria-labelledby="tokens-heading"
      id="tokens"
      className="flex scroll-mt-20 flex-col gap-4 rounded-xl border bg-card p-5"
    >
      <div>
        <h2 id="tokens-heading" className="font-medium">
          Personal API tokens
        </h2>
        <p className="text-sm text-muted-foreground">
          A script sends <code>Authorization: Bearer pdk_…</code> and acts as you: your quota, your name on what it
          tracks. Revoking a token, or your removal by an administrator, stops it at once.
        </p>
      </div>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          setSecret(null);
          create.mutate(description);
        }}
      >
        <div className="flex min-w-64 flex-1 flex-col gap-1.5">
          <Label htmlFor={inputId}>What is it for?</Label>
          <Input
            id={inputId}
            value={description}
            maxLength={100}
            placeholder="render script"
            onChange={(event) => setDescription(event.target.value)}
            aria-invalid={create.isError}
          />
        </div>
        <Button type="submit" disabled={create.isPending || description.trim() === ""}>
          <KeyRoundIcon aria-hidden="true" />
          {create.isPending ? "Making…" : "Make a token"}
        </Button>
      </form>
      {create.isError ? (
        <p role="alert" className="text-sm text-destructive">
          {create.error.message}
        </p>
      ) : null}
      {secret ? (
        <Alert data-testid="new-token">
          <AlertTitle>Copy the token now: it is shown only once</AlertTitle>
          <AlertDescription className="flex flex-wrap items-center gap-2">
            <code className="rounded bg-muted px-1.5 py-0.5 text-xs break-all">{secret}</code>
            <CopyButton value={secret} label="Copy the token" />
          </AlertDescription>
        </Alert>
      ) : null}
      <TokenList query={tokens} />
    </section>
  );
}

function TokenList({ query }: { query: ReturnType<typeof useQuery<{ tokens: PersonalToken[] }>> }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: revokeTokenRequest,
    onSuccess: () => {
      toast.success("Token revoked.");
      void queryClient.invalidateQueries({ queryKey: sessionKeys.tokens });
    },
    onError: (error) => toast.error(error.message),
  });
  if (query.isPending) return <Skeleton className="h-16" />;
  if (query.isError) {
    return (
      <p role="alert" className="text-sm text-destructive">
        {query.error.message}
      </p>
    );
  }
  if (query.data.tokens.length === 0) {
    return <p className="text-sm text-muted-foreground">You have no tokens yet.</p>;
  }
  return (
    <ul className="divide-y rounded-md border" aria-label="Your tokens">
      {query.data.tokens.map((token) => (
        <li key={token.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
          <div className="min-w-0">
            <p className="truncate font-medium">{token.description}</p>
            <p className="text-xs text-muted-foreground">
              Made {formatLocalTime(token.createdAt, false)} ·{" "}
              {token.lastUsedAt ? `last used ${formatLocalTime(token.lastUsedAt, false)}` : "never used"}
            </p>
          </div>
          <Button
            variant="outline"
            size="sm"
            onClick={() => revoke.mutate(token.id)}
            disabled={revoke.isPending}
            aria-label={`Revoke the token “${token.description}”`}
          >
            Revoke
          </Button>
        </li>
      ))}
    </ul>
  );
}
