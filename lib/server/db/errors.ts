/**
 * A database failure in one line a person can act on: what is wrong (host, database, auth), never
 * the password. Pure, so the wording is tested without a server.
 */

interface PgLikeError {
  code?: string;
  message?: string;
  errors?: unknown[];
}

export function describeDatabaseError(error: unknown, url: string): string {
  const { host, database, user } = target(url);
  const cause = (error ?? {}) as PgLikeError;
  // node-postgres reports a failed dual-stack connect as an AggregateError of its attempts.
  const code = cause.code ?? (cause.errors?.[0] as PgLikeError | undefined)?.code;
  switch (code) {
    case "ECONNREFUSED":
      return `Cannot reach PostgreSQL at ${host}: the connection was refused (is it running, on that port?).`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot reach PostgreSQL: the host ${host} was not found.`;
    case "ETIMEDOUT":
      return `Cannot reach PostgreSQL at ${host}: the connection timed out.`;
    case "28P01":
    case "28000":
      return `PostgreSQL at ${host} refused the credentials of user "${user}" (check DATABASE_URL's user and password).`;
    case "3D000":
      return `PostgreSQL at ${host} has no database "${database}": create it, or fix DATABASE_URL.`;
    case "57P03":
      return `PostgreSQL at ${host} is starting up or shutting down; try again shortly.`;
    default: {
      const message = (cause.message ?? String(error)).split("\n")[0] ?? "";
      return `Cannot use PostgreSQL at ${host} (database "${database}"): ${message.slice(0, 200)}`;
    }
  }
}

function target(url: string): { host: string; database: string; user: string } {
  try {
    const parsed = new URL(url);
    return {
      host: `${parsed.hostname || "localhost"}:${parsed.port || "5432"}`,
      database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "(default)",
      user: decodeURIComponent(parsed.username) || "(default)",
    };
  } catch {
    return { host: "(unreadable DATABASE_URL)", database: "?", user: "?" };
  }
}

/** Whether a failed statement is worth trying again: the connection, not the statement, was the problem. */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as PgLikeError | null)?.code ?? "";
  return (
    ["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "SQLITE_BUSY"].includes(code) ||
    /^(08|57P0)/.test(code) ||
    /Connection terminated|connection is closed|Client has encountered a connection error/i.test(String(error))
  );
}
