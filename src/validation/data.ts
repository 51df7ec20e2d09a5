/**
 * Rules for Secret data keys and sizes (core/v1 ValidateSecret).
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data
 */
import type { Problem } from "./problem";

const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/** The longest data key. */
export const MAX_DATA_KEY_LENGTH = 253;
/** The most bytes all values of one Secret may hold together. */
export const MAX_DATA_BYTES = 1024 * 1024;

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
