import { isServer, QueryClient } from "@tanstack/react-query";

/** One factory: a new client per server request, one client for the browser's lifetime. */
function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 2_000,
        // Polled queries recover through their interval; retries would multiply calls to a dead server.
        retry: false,
        refetchOnWindowFocus: true,
      },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
