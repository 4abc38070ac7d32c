import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The API key and every other secret are read at run time on the server: never add `env` here.
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3"],
  typedRoutes: false,
};

export default nextConfig;
