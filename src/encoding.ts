/**
 * Base64 handling for Secret data. Kubernetes stores `data` values as standard, padded base64
 * of the raw bytes; anything else is rejected by the API server or never converges in a diff.
 */

const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Encodes a string's UTF-8 bytes as canonical base64 (padded, no line breaks). */
export function encodeUtf8(value: string): string {
  return Buffer.from(value, "utf8").toString("base64");
}

/** Encodes raw bytes as canonical base64. */
export function encodeBytes(value: Uint8Array): string {
  return Buffer.from(value).toString("base64");
}

/** Decodes base64 to bytes. Callers check {@link isCanonicalBase64} first. */
export function decodeToBytes(encoded: string): Buffer {
  return Buffer.from(encoded, "base64");
}

/** Decodes base64 to a UTF-8 string. */
export function decodeToUtf8(encoded: string): string {
  return decodeToBytes(encoded).toString("utf8");
}

/**
 * True when `value` is exactly what {@link encodeBytes} would produce for some bytes: the
 * standard alphabet, padding, no whitespace and no non-zero trailing bits.
 */
export function isCanonicalBase64(value: string): boolean {
  return CANONICAL_BASE64.test(value) && decodeToBytes(value).toString("base64") === value;
}

/** The number of bytes canonical base64 decodes to, without decoding it. */
export function base64ByteLength(encoded: string): number {
  const padding = encoded.endsWith("==") ? 2 : encoded.endsWith("=") ? 1 : 0;
  return (encoded.length / 4) * 3 - padding;
}
