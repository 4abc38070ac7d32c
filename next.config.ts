import type { NextConfig } from "next";

import { SECURITY_HEADERS } from "./lib/security/csp";

const nextConfig: NextConfig = {
  // The API key and every other secret are read at run time on the server: never add `env` here.
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3"],
  async headers() {
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS] }];
  },
};

export default nextConfig;
