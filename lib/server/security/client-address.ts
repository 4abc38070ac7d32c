import { BlockList, isIP } from "node:net";

import { processFlag } from "@/lib/server/process-flag";

/**
 * Who the client is, by address. The socket's peer is the only address a client cannot choose;
 * `X-Forwarded-For` is believed only as far as the operator declared proxies in front of Paddock
 * (`PADDOCK_TRUSTED_PROXIES`: a count of hops, or a list of CIDRs and addresses). Pure: the Node
 * entry (server.ts) calls it with the socket's address and records the answer on the request.
 */

export type TrustedProxies = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "cidrs"; list: BlockList };

export type TrustedProxiesResult = { ok: true; value: TrustedProxies } | { ok: false; message: string };

const MAX_HOPS = 10;

export function parseTrustedProxies(raw: string | undefined): TrustedProxiesResult {
  const text = raw?.trim() ?? "";
  if (text === "" || text === "0") return { ok: true, value: { kind: "none" } };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) return { ok: false, message: `a count of hops is at most ${MAX_HOPS}` };
    return { ok: true, value: { kind: "hops", hops } };
  }
  const list = new BlockList();
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const [address = "", bits, extra] = entry.split("/");
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return { ok: false, message: `"${entry}" is not an address or a CIDR` };
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = Number(bits);
    if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) {
      return { ok: false, message: `"${entry}" has a prefix length out of range` };
    }
    list.addSubnet(address, prefix, type);
  }
  return { ok: true, value: { kind: "cidrs", list } };
}

/** `::ffff:10.0.0.1` is the IPv4 address it carries; anything that is not an address is null. */
export function normalizeAddress(value: string | undefined | null): string | null {
  if (!value) return null;
  let address = value.trim();
  // A proxy may write "[v6]:port" or "v4:port"; keep the address only.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) address = mapped[1];
  return isIP(address) === 0 ? null : address.toLowerCase();
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the socket's peer, or, through declared proxies, the entry of
 * `X-Forwarded-For` that the outermost trusted proxy wrote. Entries a client put in front of those
 * are never reached; a malformed entry where the client should be stops the walk at the last
 * address Paddock can vouch for.
 */
export function resolveClientAddress(
  socketAddress: string | undefined | null,
  forwardedFor: string | string[] | undefined | null,
  trusted: TrustedProxies,
): string {
  const peer = normalizeAddress(socketAddress) ?? "unknown";
  if (trusted.kind === "none") return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const hops = header
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (trusted.kind === "hops") {
    // The peer is the first trusted hop; each further hop appended one entry on the right.
    let client = peer;
    for (let index = 0; index < trusted.hops; index += 1) {
      const entry = hops[hops.length - 1 - index];
      const address = normalizeAddress(entry);
      if (!address) return client;
      client = address;
    }
    return client;
  }
  if (peer === "unknown" || !isTrusted(trusted.list, peer)) return peer;
  let client = peer;
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const address = normalizeAddress(hops[index]);
    if (!address) return client;
    client = address;
    if (!isTrusted(trusted.list, address)) return address;
  }
  return client;
}

/** Set by server.ts on every request, over anything the client sent. */
export const CLIENT_ADDRESS_HEADER = "x-paddock-client";
const addressesKnown = processFlag("client-addresses-known");

/** Called by server.ts before Next loads: from then on the header above is Paddock's own. */
export const markClientAddressesKnown = addressesKnown.raise;

/**
 * The client's address as server.ts recorded it. Under another entry (`next dev`, a bare
 * `next start`) the header could come from the client, so it is ignored and every client is
 * "unknown": limits are then shared, never escapable.
 */
export function clientAddress(request: Request): string {
  if (!addressesKnown.isRaised()) return "unknown";
  const value = request.headers.get(CLIENT_ADDRESS_HEADER);
  return value && value.length <= 64 ? value : "unknown";
}

/**
 * The unit limits apply to: an IPv4 address, or an IPv6 address's /64 (one host usually holds a
 * whole /64, so counting its addresses one by one would multiply its budget and its guesses).
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group || "0", 16).toString(16))
    .join(":")}::/64`;
}
