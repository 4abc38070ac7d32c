import { describe, expect, it } from "vitest";

import {
  addressBucket,
  normalizeAddress,
  parseTrustedProxies,
  resolveClientAddress,
  type TrustedProxies,
} from "@/lib/server/security/client-address";

function trusted(raw: string): TrustedProxies {
  const parsed = parseTrustedProxies(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe("the client's address", () => {
  it("is the socket's peer when no proxy is declared, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.7", "198.51.100.1", trusted(""))).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:203.0.113.7", "1.2.3.4, 5.6.7.8", trusted("0"))).toBe("203.0.113.7");
    expect(resolveClientAddress(undefined, "1.2.3.4", trusted(""))).toBe("unknown");
  });

  it("through a count of hops, is the entry the outermost trusted proxy wrote", () => {
    // The client forged "6.6.6.6"; the one proxy appended the address it saw.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.9", trusted("1"))).toBe("198.51.100.9");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.9, 10.0.0.5", trusted("2"))).toBe("198.51.100.9");
    // Fewer entries than hops: the leftmost address Paddock can vouch for.
    expect(resolveClientAddress("10.0.0.2", "", trusted("1"))).toBe("10.0.0.2");
    // Garbage where the client should be stops the walk.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, not-an-ip", trusted("1"))).toBe("10.0.0.2");
  });

  it("through CIDRs, walks from the right past trusted proxies only", () => {
    const list = trusted("10.0.0.0/8, 192.168.1.1, fd00::/8");
    expect(resolveClientAddress("10.1.2.3", "6.6.6.6, 198.51.100.9, 10.0.0.5", list)).toBe("198.51.100.9");
    // A peer outside the list is the client, X-Forwarded-For or not.
    expect(resolveClientAddress("203.0.113.1", "6.6.6.6", list)).toBe("203.0.113.1");
    expect(resolveClientAddress("fd00::1", "2001:db8::7", list)).toBe("2001:db8::7");
    expect(resolveClientAddress("192.168.1.1", "[2001:db8::8]:443", list)).toBe("2001:db8::8");
    // Every hop trusted: the leftmost one.
    expect(resolveClientAddress("10.0.0.1", "10.0.0.9", list)).toBe("10.0.0.9");
  });

  it("refuses a malformed PADDOCK_TRUSTED_PROXIES with the reason", () => {
    expect(parseTrustedProxies("11")).toMatchObject({ ok: false });
    expect(parseTrustedProxies("10.0.0.0/33")).toMatchObject({ ok: false, message: expect.stringContaining("prefix") });
    expect(parseTrustedProxies("proxy.internal")).toMatchObject({ ok: false });
    expect(parseTrustedProxies("10.0.0.0/8/1")).toMatchObject({ ok: false });
  });

  it("normalizes addresses with ports and IPv4-mapped IPv6", () => {
    expect(normalizeAddress("198.51.100.1:5555")).toBe("198.51.100.1");
    expect(normalizeAddress("::FFFF:198.51.100.1")).toBe("198.51.100.1");
    expect(normalizeAddress("2001:DB8::1")).toBe("2001:db8::1");
    expect(normalizeAddress("<script>")).toBeNull();
  });
});

describe("the unit limits apply to", () => {
  it("is the IPv4 address, or the IPv6 address's /64", () => {
    expect(addressBucket("198.51.100.7")).toBe("198.51.100.7");
    expect(addressBucket("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8::7")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("unknown")).toBe("unknown");
  });
});
