/**
 * String arbitraries biased toward the edges of Kubernetes' rules: lengths next to each limit,
 * valid strings of exactly that length, and the same strings with one or two edits (a stray
 * character, a dot or dash at an end, upper case, Unicode that lowercases to ASCII).
 */
import fc from "fast-check";

export const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
export const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const ALNUM = LOWER_ALNUM + UPPER;

/**
 * Characters outside some Kubernetes charset, with the traps first: upper case, separators,
 * whitespace, and Unicode — the Kelvin sign and dotted capital I lowercase to ASCII in Go.
 */
export const STRAY_CHARS = [
  "A",
  "Z",
  "_",
  ".",
  "-",
  "/",
  " ",
  ":",
  "@",
  "*",
  "%",
  "\n",
  "\t",
  "é",
  "\u212A",
  "\u0130",
  "ａ",
  "😀",
  "\u200B",
] as const;

/** Lengths at and next to each limit, and sometimes any length up to just past the largest. */
export function lengthNear(...limits: number[]): fc.Arbitrary<number> {
  const edges = [...new Set(limits.flatMap((l) => [l - 1, l, l + 1]).filter((n) => n >= 0))];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...edges) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: Math.max(...limits) + 2 }) },
  );
}

/** A string of `length` characters from `chars`, the first ones more likely (they lead each pool). */
export function stringOf(length: fc.Arbitrary<number>, chars: string): fc.Arbitrary<string> {
  const units = [...chars];
  return length.chain((n) => fc.string({ unit: fc.constantFrom(...units), minLength: n, maxLength: n, size: "max" }));
}

/** One edit: where (an index, taken modulo the length) and what. */
export interface Edit {
  readonly kind: "replace" | "insert" | "prepend" | "append" | "upper" | "delete";
  readonly at: number;
  readonly text: string;
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom("replace", "insert", "prepend", "append", "upper", "delete"),
  at: fc.nat(),
  text: fc.constantFrom(...STRAY_CHARS, "..", ".-", "-.", "--", "/"),
});

/** Applies edits in order. */
export function applyEdits(value: string, edits: readonly Edit[]): string {
  let s = value;
  for (const { kind, at, text } of edits) {
    const i = s.length === 0 ? 0 : at % s.length;
    if (kind === "replace") s = s.slice(0, i) + text + s.slice(i + 1);
    else if (kind === "insert") s = s.slice(0, i) + text + s.slice(i);
    else if (kind === "prepend") s = text + s;
    else if (kind === "append") s = s + text;
    else if (kind === "upper") s = s.slice(0, i) + s.slice(i, i + 1).toUpperCase() + s.slice(i + 1);
    else s = s.slice(0, i) + s.slice(i + 1);
  }
  return s;
}

/** `base`, unchanged about half the time, else with one or two edits. */
export function edited(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edits = fc.oneof(fc.constant([] as Edit[]), fc.array(editArb, { minLength: 1, maxLength: 2 }));
  return fc.tuple(base, edits).map(([s, e]) => applyEdits(s, e));
}

/**
 * Makes any string over `[a-z0-9.-]` a DNS-1123 subdomain of the same length: letters or digits
 * at both ends and around every dot. With `dots: false`, a DNS-1123 label.
 */
export function repairDns(raw: string, dots = true): string {
  const out: string[] = [];
  const last = raw.length - 1;
  [...raw].forEach((c, i) => {
    const prev = out[i - 1];
    if (c === "." && (!dots || i === 0 || i === last || prev === "." || prev === "-")) out.push("a");
    else if (c === "-" && (i === 0 || i === last || prev === ".")) out.push("b");
    else out.push(c);
  });
  return out.join("");
}

/** Valid DNS-1123 subdomains (or labels) of the lengths given. */
export function dnsName(length: fc.Arbitrary<number>, dots = true): fc.Arbitrary<string> {
  // Mostly letters and digits, with enough separators to make several labels.
  const pool = LOWER_ALNUM + LOWER_ALNUM + "------" + (dots ? "......" : "");
  return stringOf(length, pool).map((s) => repairDns(s, dots));
}

/** Makes any string over `[-_.A-Za-z0-9]` a qualified name (letters or digits at both ends). */
export function repairQualified(raw: string): string {
  const alnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
  if (raw.length === 0) return raw;
  const chars = [...raw];
  if (!alnum(chars[0])) chars[0] = "a";
  if (!alnum(chars[chars.length - 1])) chars[chars.length - 1] = "Z";
  return chars.join("");
}

/** Valid qualified-name parts (label key names, label values) of the lengths given. */
export function qualifiedName(length: fc.Arbitrary<number>): fc.Arbitrary<string> {
  return stringOf(length, ALNUM + "-_.").map(repairQualified);
}
