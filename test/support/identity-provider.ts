import type { Server } from "node:http";

/**
 * A real OpenID provider for the tests (the `oidc-provider` package) on 127.0.0.1: its own login
 * page accepts any login (the login becomes the person's name and email), then asks for consent.
 * `idTokensExpiredBy` makes it sign ID tokens as if its clock were that far behind: they arrive
 * already expired, as from a provider whose clock is wrong.
 */

export const TEST_CLIENT = { id: "paddock-test", secret: "paddock-test-client-secret-0123456789" } as const;

export interface IdentityProvider {
  issuer: string;
  stop(): Promise<void>;
}

export async function startIdentityProvider(options: {
  port: number;
  redirectUri: string;
  idTokensExpiredBy?: number;
}): Promise<IdentityProvider> {
  const issuer = `http://127.0.0.1:${options.port}`;
  // Its start-up warnings (development keys and pages) are expected here: the test output stays quiet.
  const warn = console.warn;
  console.warn = () => undefined;
  // oidc-provider 9 names Node 22 as its runtime and says so on import; it runs on Node 20 for these tests.
  const { default: Provider } = await import("oidc-provider");
  const provider = new Provider(issuer, {
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["identity-provider-test-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    renderError: (context, out) => {
      context.type = "html";
      context.body = `<p>${String(out.error)}</p>`;
    },
    findAccount: (_context: unknown, id: string) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        name: id.charAt(0).toUpperCase() + id.slice(1),
        email: `${id}@example.com`,
        email_verified: true,
      }),
    }),
  });
  console.warn = warn;
  const offset = options.idTokensExpiredBy;
  if (offset) {
    const original = provider.IdToken.prototype.issue;
    provider.IdToken.prototype.issue = async function issue(...args: Parameters<typeof original>) {
      const realNow = Date.now;
      Date.now = () => realNow() - offset;
      try {
        return await original.apply(this, args);
      } finally {
        Date.now = realNow;
      }
    };
  }
  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(options.port, "127.0.0.1", () => resolve(listening));
  });
  return {
    issuer,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
