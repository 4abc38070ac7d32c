import type { Metadata } from "next";

import { SignInForm } from "@/components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

interface SignInPageProps {
  searchParams: Promise<{ next?: string }>;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const { next } = await searchParams;
  // Only a path on this site: never an open redirect.
  const target = next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : "/";
  return (
    <div className="flex justify-center py-16">
      <SignInForm next={target} />
    </div>
  );
}
