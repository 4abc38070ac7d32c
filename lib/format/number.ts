/**
 * Numbers for people, always in English ("12,345", "4.9", "$12.50"), like the rest of Paddock's
 * words, and without Intl. Two reasons:
 * - The first Intl call a page makes loads the locale data: 35 to 90 ms of one main-thread task on
 *   this machine (four times that on the phone Lighthouse simulates), on every page that shows a
 *   single formatted number while it loads. Later calls are cheap; the first is not.
 * - The server and the viewer's browser format alike, so the HTML hydrates whatever the viewer's
 *   locale (`toLocaleString()` in German writes "1.234" where the server wrote "1,234").
 * The rules are Intl's for the "en" locale: half away from zero, trailing zeros dropped beyond the
 * minimum, thousands grouped with commas.
 */

export interface NumberFormatOptions {
  /** Default 0. */
  maximumFractionDigits?: number;
  /** Default 0; at most maximumFractionDigits. */
  minimumFractionDigits?: number;
}

export function formatNumber(value: number, options: NumberFormatOptions = {}): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  const max = options.maximumFractionDigits ?? 0;
  const min = Math.min(options.minimumFractionDigits ?? 0, max);
  const [whole, fraction] = roundDecimal(Math.abs(value), max);
  let digits = fraction;
  while (digits.length > min && digits.endsWith("0")) digits = digits.slice(0, -1);
  const sign = value < 0 && /[1-9]/.test(whole + fraction) ? "-" : "";
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${digits ? `.${digits}` : ""}`;
}

/**
 * A non-negative number to `digits` decimals, rounded half up on its shortest decimal form (as
 * Intl does: 0.15 is "0.2" and 1.005 is "1.01", where toFixed reads the binary value and says
 * "0.1" and "1.00"). Returns the whole and the fraction digits.
 */
function roundDecimal(value: number, digits: number): [string, string] {
  const text = String(value);
  // From 1e21 String() writes an exponent ("2.5e+22") and there is no fraction: its digits, zeros after.
  if (value >= 1e21) {
    const [mantissa = "", exponent = "0"] = text.split("e+");
    const [head = "", tail = ""] = mantissa.split(".");
    return [`${head}${tail}${"0".repeat(Number(exponent) - tail.length)}`, "0".repeat(digits)];
  }
  // Below 1e-6 String() writes an exponent too: toFixed is exact enough there.
  const [whole = "0", fraction = ""] = (/e/.test(text) ? value.toFixed(digits) : text).split(".");
  if (fraction.length <= digits) return [whole, fraction.padEnd(digits, "0")];
  let kept = whole + fraction.slice(0, digits);
  if (Number(fraction[digits]) >= 5) kept = incrementDigits(kept);
  return [kept.slice(0, kept.length - digits) || "0", kept.slice(kept.length - digits)];
}

function incrementDigits(digits: string): string {
  const out = digits.split("");
  for (let index = out.length - 1; index >= 0; index -= 1) {
    if (out[index] !== "9") {
      out[index] = String(Number(out[index]) + 1);
      return out.join("");
    }
    out[index] = "0";
  }
  return `1${out.join("")}`;
}

/**
 * What "en" writes before an amount, from CLDR (as Intl has it); every other currency is written
 * as its code. A symbol that ends in a letter or a dot is followed by a no-break space.
 */
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  AUD: "A$",
  BRL: "R$",
  CAD: "CA$",
  CNY: "CN¥",
  EUR: "€",
  GBP: "£",
  HKD: "HK$",
  ILS: "₪",
  INR: "₹",
  JPY: "¥",
  KRW: "₩",
  MXN: "MX$",
  NZD: "NZ$",
  PHP: "₱",
  TWD: "NT$",
  USD: "$",
  VND: "₫",
  XAF: "FCFA",
  XCD: "EC$",
  XCG: "Cg.",
  XOF: "F\u202fCFA",
  XPF: "CFPF",
};
/** Minor units that are not two, from ISO 4217 as CLDR formats them. */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(
    "AFN ALL BIF CLP COP DJF GNF HUF IDR IQD IRR ISK JPY KMF KPW KRW LAK LBP MGA MMK PKR PYG RWF SLL SOS SYP UGX VND VUV XAF XOF XPF YER"
      .split(" ")
      .map((code) => [code, 0]),
  ),
  ...Object.fromEntries("BHD JOD KWD LYD OMR TND".split(" ").map((code) => [code, 3])),
};

/** "$12.50", "CN¥0.50", "¥1,200", "CHF 12.50", for any three-letter ISO 4217 code. */
export function formatMoney(amount: number, currency: string): string {
  const digits = MINOR_UNITS[currency] ?? 2;
  const number = formatNumber(Math.abs(amount), { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const symbol = CURRENCY_SYMBOLS[currency] ?? currency;
  const space = /[\p{L}.]$/u.test(symbol) ? "\u00a0" : "";
  const sign = amount < 0 && /[1-9]/.test(number) ? "-" : "";
  return `${sign}${symbol}${space}${number}`;
}
