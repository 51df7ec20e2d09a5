/**
 * Rules for Secret data: keys, encodings and the total size (core/v1 ValidateSecret).
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data
 */
import { base64ByteLength, isCanonicalBase64 } from "../encoding";
import type { Problem } from "./problem";

const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/** The longest data key. */
export const MAX_DATA_KEY_LENGTH = 253;
/** The most bytes all values of one Secret may hold together. */
export const MAX_DATA_BYTES = 1024 * 1024;

/** How a `data` value that is not canonical base64 is reported. */
export const CANONICAL_BASE64_RULE =
  "must be canonical base64 (standard alphabet, '=' padding, no whitespace or line breaks); pass plain text through stringData instead";
/** How a key set by two arguments is reported (the rule begins with this). */
export const KEY_SET_TWICE_RULE = "is also set by";

/** One data key as a component declares it. */
export interface DataEntry {
  /** The data key, e.g. `tls.crt`. */
  readonly key: string;
  /** The argument it came from, for messages, e.g. `args.cert` or `args.stringData`. */
  readonly field: string;
  /** The value: plain text (`utf8`) or base64 the caller already encoded. */
  readonly value: string;
  readonly encoding: "utf8" | "base64";
}

/** Checks one data key: `[-._a-zA-Z0-9]+`, at most 253 characters, not `.`, `..` or `..`-prefixed. */
export function validateDataKey(key: string, field: string): Problem[] {
  if (key.length === 0) return [{ field, key, rule: "data keys must not be empty" }];
  if (key.length > MAX_DATA_KEY_LENGTH) {
    return [
      {
        field,
        key: key.slice(0, 40) + "…",
        rule: `data keys must be at most ${MAX_DATA_KEY_LENGTH} characters (got ${key.length})`,
      },
    ];
  }
  if (!DATA_KEY.test(key)) {
    return [{ field, key, rule: "data keys may contain only letters, digits, '-', '_' and '.'" }];
  }
  if (key === "." || key === ".." || key.startsWith("..")) {
    return [{ field, key, rule: "data keys must not be '.' or '..' or start with '..'" }];
  }
  return [];
}

/** Checks the 1 MiB limit on the decoded size of all values together. */
export function validateTotalSize(totalBytes: number, field: string): Problem[] {
  return totalBytes > MAX_DATA_BYTES
    ? [{ field, rule: `all values together must be at most ${MAX_DATA_BYTES} bytes (1 MiB) (got ${totalBytes})` }]
    : [];
}

/**
 * Checks entries against each other: key syntax, a key set twice, canonical base64 and the total
 * size. Values are only measured, never quoted.
 */
export function validateEntries(entries: readonly DataEntry[]): Problem[] {
  const problems: Problem[] = [];
  const fieldOfKey = new Map<string, string>();
  let totalBytes = 0;
  for (const entry of entries) {
    if (typeof entry.value !== "string") {
      problems.push({ field: entry.field, key: entry.key, rule: "value must be a string" });
      continue;
    }
    problems.push(...validateDataKey(entry.key, entry.field));
    const earlier = fieldOfKey.get(entry.key);
    if (earlier !== undefined) {
      problems.push({
        field: entry.field,
        key: entry.key,
        rule: `${KEY_SET_TWICE_RULE} ${earlier}; set each key once`,
      });
      continue;
    }
    fieldOfKey.set(entry.key, entry.field);
    if (entry.encoding === "utf8") {
      totalBytes += Buffer.byteLength(entry.value, "utf8");
    } else if (isCanonicalBase64(entry.value)) {
      totalBytes += base64ByteLength(entry.value);
    } else {
      problems.push({
        field: entry.field,
        key: entry.key,
        rule: CANONICAL_BASE64_RULE,
      });
    }
  }
  problems.push(...validateTotalSize(totalBytes, "args"));
  return problems;
}
