/**
 * Where Paddock may post events. Only http(s), no credentials in the URL, and not the addresses
 * that would hand a cloud machine's secrets to whoever configures a webhook (link-local metadata
 * services). Loopback and private networks stay allowed: tests and in-house receivers use them.
 * Pure: the Settings page checks as the server does.
 */

const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata", "0.0.0.0", "[::]"]);

export type WebhookUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export function checkWebhookUrl(input: string, kind: "json" | "slack"): WebhookUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: "Give a full URL, e.g. https://hooks.example.com/paddock." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: "A webhook URL starts with https:// (or http://)." };
  }
  if (url.username || url.password) return { ok: false, reason: "Put no user name or password in the URL." };
  const host = url.hostname.toLowerCase();
  if (METADATA_HOSTS.has(host) || /^169\.254\./.test(host) || /^\[fe[89ab][0-9a-f]?:/.test(host)) {
    return { ok: false, reason: "That address is a link-local or metadata address: Paddock does not post there." };
  }
  if (kind === "slack" && url.protocol !== "https:" && !isLoopback(host)) {
    return { ok: false, reason: "A Slack-compatible incoming webhook URL uses https://." };
  }
  url.hash = "";
  return { ok: true, url: url.toString() };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "[::1]" || /^127\./.test(host);
}
