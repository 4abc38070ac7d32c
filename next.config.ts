import type { NextConfig } from "next";

import { SECURITY_HEADERS } from "./lib/security/csp";

const nextConfig: NextConfig = {
  // The API key and every other secret are read at run time on the server: never add `env` here.
  poweredByHeader: false,
  // server.ts compresses (Brotli where the browser takes it, gzip otherwise).
  compress: false,
  reactStrictMode: true,
  // The browser tests' build (test/e2e/support/build-e2e.ts) skips the build's own type check:
  // `npm run check` runs tsc beside it. Every other build checks types.
  typescript: { ignoreBuildErrors: process.env.PADDOCK_BUILD_SKIP_TYPECHECK === "1" },
  // Loaded by Node at run time, not bundled: a native module, and the AWS SDK (large, used by the archive only).
  serverExternalPackages: ["better-sqlite3", "@aws-sdk/client-s3", "@aws-sdk/lib-storage"],
  async headers() {
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS] }];
  },
};

export default nextConfig;
