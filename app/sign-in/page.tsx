import { LockOpenIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { SignInForm } from "@/components/sign-in-form";
import { Button } from "@/components/ui/button";
import { Empty, EmptyContent, EmptyDescription, EmptyHeader, EmptyMedia } from "@/components/ui/empty";
import { currentMode } from "@/lib/server/mode";
import { signInRequired } from "@/lib/server/page-access";

export const metadata: Metadata = { title: "Sign in" };

interface SignInPageProps {
  searchParams: Promise<{ next?: string }>;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const { next } = await searchParams;
  // Only a path on this site: never an open redirect.
  const target = next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : "/";
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
  return (
    <div className="flex justify-center py-16">
      <SignInForm next={target} />
    </div>
  );
}
