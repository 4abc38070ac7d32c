/**
 * How the board's cards are laid out, shared by the server (which renders the first block) and
 * the browser (which hydrates it and adds the rest).
 */

/** Cards per block: whole rows at one, two or three columns, so the grid stays plain CSS. */
export const CARDS_PER_BLOCK = 6;

/**
 * Cards the server renders for a phone: its one column shows one or two cards, so six (three to six
 * screens tall) would be markup, layout and hydration for nothing on a slow link. The browser fills the
 * block when it is first idle, or as soon as the page scrolls or a key moves between cards.
 */
export const PHONE_FIRST_CARDS = 3;

interface RequestHeaders {
  get(name: string): string | null;
}

/**
 * Whether the request comes from a phone: the `Sec-CH-UA-Mobile` client hint where the browser
 * sends it (Chromium browsers do, by default), else the user agent's "Mobi" token (Safari and
 * Firefox on phones; MDN's advice for telling phones apart). Tablets say neither.
 */
export function isPhoneRequest(headers: RequestHeaders): boolean {
  const hint = headers.get("sec-ch-ua-mobile");
  if (hint !== null) return hint.trim() === "?1";
  return /Mobi/.test(headers.get("user-agent") ?? "");
}

/** How many cards of the first block the server renders for this request. */
export function firstBlockCards(headers: RequestHeaders): number {
  return isPhoneRequest(headers) ? PHONE_FIRST_CARDS : CARDS_PER_BLOCK;
}
