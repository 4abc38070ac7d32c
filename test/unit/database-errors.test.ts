import { describe, expect, it } from "vitest";

import { describeDatabaseError, isTransientDatabaseError } from "@/lib/server/db/errors";

const URL_WITH_PASSWORD = "postgres://paddock:s3cret-Pa55@db.internal:6543/paddock_prod";

describe("a database failure in one line", () => {
  it.each([
    [{ code: "ECONNREFUSED" }, "Cannot reach PostgreSQL at db.internal:6543: the connection was refused"],
    [{ errors: [{ code: "ECONNREFUSED" }, { code: "ECONNREFUSED" }] }, "the connection was refused"],
    [{ code: "ENOTFOUND" }, "the host db.internal:6543 was not found"],
    [{ code: "ETIMEDOUT" }, "the connection timed out"],
    [{ code: "28P01", message: "password authentication failed" }, 'refused the credentials of user "paddock"'],
    [{ code: "3D000" }, 'has no database "paddock_prod": create it, or fix DATABASE_URL'],
    [{ code: "57P03" }, "is starting up or shutting down"],
    [{ message: "SSL is not enabled on the server\nmore" }, "SSL is not enabled on the server"],
  ])("%j reads as a person would", (error, expected) => {
    const line = describeDatabaseError(error, URL_WITH_PASSWORD);
    expect(line).toContain(expected);
    expect(line).not.toContain("s3cret-Pa55");
    expect(line).not.toContain("\n");
  });

  it("never fails on a URL it cannot read", () => {
    expect(describeDatabaseError({ code: "ECONNREFUSED" }, "not a url")).toContain("(unreadable DATABASE_URL)");
  });

  it("tells a dropped connection (worth another try) from a bad statement", () => {
    expect(isTransientDatabaseError({ code: "57P01" })).toBe(true);
    expect(isTransientDatabaseError({ code: "08006" })).toBe(true);
    expect(isTransientDatabaseError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isTransientDatabaseError({ code: "SQLITE_BUSY" })).toBe(true);
    expect(isTransientDatabaseError({ code: "23505" })).toBe(false);
    expect(isTransientDatabaseError({ code: "42P01" })).toBe(false);
    expect(isTransientDatabaseError(null)).toBe(false);
  });
});
