/**
 * JSON as the API server reads it. It checks `.dockercfg` and `.dockerconfigjson` with Go's
 * `encoding/json`, which differs from `JSON.parse` in two ways that matter here: nesting deeper
 * than 10,000 levels is an error, and so is a number too large for a float64 (`1e400`), which
 * JavaScript reads as Infinity.
 */

/** Go's `encoding/json` limit on nested objects and arrays. */
export const MAX_JSON_DEPTH = 10_000;

/** The parsed value, or why Go's `encoding/json` would refuse the text (never quoting it). */
export type GoJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/** Parses `text` as JSON, refusing what Go's `encoding/json` refuses. */
export function parseJsonLikeGo(text: string): GoJson {
  let value: unknown;
  try {
    // Without a reviver: V8 parses deep nesting iteratively, but revives recursively.
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: "must be valid JSON" };
  }
  const { depth, infinite } = scan(text);
  if (depth > MAX_JSON_DEPTH) {
    return { ok: false, reason: `must not nest objects and arrays more than ${MAX_JSON_DEPTH} levels deep` };
  }
  if (infinite) return { ok: false, reason: "must not hold a number too large for a 64-bit float" };
  return { ok: true, value };
}

const isDigit = (c: string) => c >= "0" && c <= "9";
const isNumberChar = (c: string) => isDigit(c) || c === "-" || c === "+" || c === "." || c === "e" || c === "E";

/** The deepest nesting of objects and arrays, and whether a number overflows (valid JSON only). */
function scan(text: string): { depth: number; infinite: boolean } {
  let depth = 0;
  let deepest = 0;
  let infinite = false;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === "\\")
        i++; // skip the escaped character
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === "{" || c === "[") {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === "}" || c === "]") {
      depth--;
    } else if (isDigit(c) || c === "-") {
      let end = i + 1;
      while (end < text.length && isNumberChar(text[end]!)) end++;
      if (!Number.isFinite(Number(text.slice(i, end)))) infinite = true;
      i = end - 1;
    }
  }
  return { depth: deepest, infinite };
}
