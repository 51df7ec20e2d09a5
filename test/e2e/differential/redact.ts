/**
 * A case as printable text without a single secret value: every value argument becomes its size
 * and shape (`<1234 bytes, PEM CERTIFICATE>`); metadata (names, keys, labels, annotations) is
 * printed, long strings shortened to their start and length.
 */
import { isCanonicalBase64 } from "../../../src/encoding";
import { type Case, VALUE_ARGS } from "./case";

const VALUE_ARG_NAMES: readonly string[] = VALUE_ARGS;

/** The shape of a value: what kind of content it is, never what it says. */
export function shapeOf(text: string): string {
  if (text.length === 0) return "empty";
  const pem = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((m) => m[1]);
  if (pem.length > 0) return `PEM ${pem.join(" + ")}`;
  try {
    const parsed: unknown = JSON.parse(text);
    return `JSON ${parsed === null ? "null" : Array.isArray(parsed) ? "array" : typeof parsed}`;
  } catch {
    return /^[\x20-\x7e\n]*$/.test(text) ? "text" : "text with non-ASCII or control characters";
  }
}

/** Size and shape of a plain-text value. */
export function describeValue(text: string): string {
  return `<${Buffer.byteLength(text, "utf8")} bytes, ${shapeOf(text)}>`;
}

/** Size and form of a `data` value (base64 as given). */
export function describeBase64(encoded: string): string {
  if (!isCanonicalBase64(encoded)) return `<${encoded.length} characters, not canonical base64>`;
  return `<base64 of ${Buffer.from(encoded, "base64").length} bytes, ${shapeOf(Buffer.from(encoded, "base64").toString("latin1"))}>`;
}

/** A metadata string, shortened when long. */
export function shorten(text: string, max = 80): string {
  return text.length <= max ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, max))}… (${text.length} chars)`;
}

function describeMap(map: Record<string, string>, describe: (v: string) => string): string {
  return `{ ${Object.entries(map)
    .map(([k, v]) => `${shorten(k)}: ${describe(v)}`)
    .join(", ")} }`;
}

/** The case, with value arguments replaced by their size and shape. */
export function describeCase(c: Case): string {
  const parts = Object.entries(c.args).map(([arg, value]) => {
    if (value === undefined) return `${arg}: undefined`;
    // Owner references are metadata: printed whole.
    if (Array.isArray(value)) return `${arg}: ${JSON.stringify(value)}`;
    if (typeof value === "object") {
      const describe =
        arg === "data" ? describeBase64 : VALUE_ARG_NAMES.includes(arg) ? describeValue : (v: string) => shorten(v);
      return `${arg}: ${describeMap(value as Record<string, string>, describe)}`;
    }
    return `${arg}: ${VALUE_ARG_NAMES.includes(arg) ? describeValue(value) : shorten(value)}`;
  });
  const name = c.componentName === undefined ? "" : ` ${shorten(c.componentName)}`;
  return `new ${c.className}(${name ? `${name.trim()}, ` : ""}{ ${parts.join(", ")} })`;
}
