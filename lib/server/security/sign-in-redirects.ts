import "server-only";

/** Where a sign-in goes next: only a path on this site, never an open redirect. */
export function localPath(value: string | null | undefined): string {
  // No white space, backslash or control character (which also keeps NUL out of the store).
  return value && /^\/(?!\/)[^\s\\\p{Cc}]*$/u.test(value) && value.length <= 2000 ? value : "/";
}

/** Back to the sign-in page, which explains the error code. */
export function signInPageWithError(code: string, next: string): Response {
  const location = `/sign-in?error=${encodeURIComponent(code)}&next=${encodeURIComponent(localPath(next))}`;
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A page that moves on to `next` by itself (a same-site navigation, so the Strict cookie goes along). */
export function continuePage(next: string): Response {
  const target = escapeHtml(localPath(next));
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}"><title>Signed in · Paddock</title></head><body style="font-family:system-ui,sans-serif;padding:2rem"><p>Signed in. <a href="${target}">Continue to Paddock</a></p></body></html>`;
  return new Response(html, {
    status: 200,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
      "Referrer-Policy": "no-referrer",
    },
  });
}
