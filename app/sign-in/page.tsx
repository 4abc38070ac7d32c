import { LockOpenIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { SignInForm } from "@/components/sign-in-form";
import { Button } from "@/components/ui/button";
import { Empty, EmptyContent, EmptyDescription, EmptyHeader, EmptyMedia } from "@/components/ui/empty";
import { currentMode } from "@/lib/server/mode";
import { signInOptions, signInRequired } from "@/lib/server/page-access";
import { localPath } from "@/lib/server/security/sign-in-redirects";

export const metadata: Metadata = { title: "Sign in" };

interface SignInPageProps {
  searchParams: Promise<{ next?: string; error?: string }>;
}

/** What went wrong with a sign-in through the identity provider, in words. */
const SIGN_IN_ERRORS: Record<string, string> = {
  flow_unknown:
    "That sign-in could not be finished: it expired, was already used, or was started in another browser. Try again.",
  denied: "The identity provider did not sign you in. Try again, or ask your administrator.",
  verification_failed:
    "The identity provider's answer did not pass Paddock's checks (state, code or ID token), so nobody was signed in. Try again.",
  provider_unreachable: "Paddock could not reach the identity provider. Try again in a moment.",
  domain_not_allowed: "Your account's email domain is not allowed to use this Paddock.",
  removed: "Your access to this Paddock was removed. Ask your administrator if this is a mistake.",
};

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const { next, error } = await searchParams;
  const target = localPath(next);
  if (!signInRequired()) {
    const demo = currentMode() === "demo";
    return (
      <Empty className="mx-auto my-16 max-w-lg">
        <EmptyHeader>
          <EmptyMedia variant="icon">
            <LockOpenIcon />
          </EmptyMedia>
          <h1 className="text-lg font-medium tracking-tight">Sign-in is off</h1>
          <EmptyDescription>
            {demo
              ? "This is Paddock's demo: there is nothing to sign in to. "
              : "This Paddock has no password: it relies on the sign-in proxy in front of it. "}
            To require signing in, set <code>PADDOCK_PASSWORD</code> on the server.
          </EmptyDescription>
        </EmptyHeader>
        <EmptyContent>
          <Button asChild>
            <Link href={target}>Continue to Paddock</Link>
          </Button>
        </EmptyContent>
      </Empty>
    );
  }
  const options = signInOptions();
  return (
    <div className="flex justify-center py-16">
      <SignInForm
        next={target}
        password={options.password}
        oidc={options.oidc?.name ?? null}
        error={error ? (SIGN_IN_ERRORS[error] ?? "Sign-in did not work. Try again.") : null}
      />
    </div>
  );
}
