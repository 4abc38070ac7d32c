/**
 * Which links are videos Paddock may play, serve or fetch: https (or the demo simulator's own
 * origin) on one of the configured video hosts, `https://*.aliyuncs.com` style patterns included.
 * The same list is the CSP's media-src, so a link the browser would refuse is never offered.
 */
export function isAllowedVideoUrl(url: string, videoHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  return videoHosts.some((pattern) => matchesOrigin(parsed, pattern));
}

function matchesOrigin(url: URL, pattern: string): boolean {
  const match = /^(https?):\/\/(\*\.)?([A-Za-z0-9.-]+)(?::(\d+))?$/.exec(pattern.trim());
  if (!match) return false;
  const [, scheme, wildcard, host = "", port] = match;
  if (url.protocol !== `${scheme}:`) return false;
  if ((url.port || defaultPort(url.protocol)) !== (port ?? defaultPort(url.protocol))) return false;
  const hostname = url.hostname.toLowerCase();
  const base = host.toLowerCase();
  return wildcard ? hostname.endsWith(`.${base}`) : hostname === base;
}

function defaultPort(protocol: string): string {
  return protocol === "https:" ? "443" : "80";
}
