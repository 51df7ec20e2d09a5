/**
 * Turns the entries a component declares into the base64 `data` map Kubernetes stores,
 * checking keys, encodings, sizes and the rules of the Secret type on the way.
 */
import { decodeToBytes, encodeUtf8, isCanonicalBase64 } from "./encoding";
import { validateTypedContent } from "./validation/content";
import { validateDataKey, validateTotalSize } from "./validation/data";
import type { Problem } from "./validation/problem";

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

/** What the child Secret receives, or why it cannot. */
export interface EncodedContent {
  /** Data key → canonical base64. Empty when there are problems. */
  readonly data: Record<string, string>;
  /** The data keys, sorted. */
  readonly keys: string[];
  readonly problems: Problem[];
}

/** Validates entries against each other and against `type`, and encodes them. */
export function encodeContent(
  type: string,
  entries: readonly DataEntry[],
  annotations: Readonly<Record<string, string>>,
): EncodedContent {
  const problems: Problem[] = [];
  const decoded = new Map<string, Buffer>();
  const data: Record<string, string> = {};
  const fieldOfKey = new Map<string, string>();
  let totalBytes = 0;
  for (const entry of entries) {
    if (typeof entry.value !== "string") {
      problems.push({ field: entry.field, key: entry.key, rule: "value must be a string" });
      continue;
    }
    const keyProblems = validateDataKey(entry.key, entry.field);
    problems.push(...keyProblems);
    const earlier = fieldOfKey.get(entry.key);
    if (earlier !== undefined) {
      problems.push({ field: entry.field, key: entry.key, rule: `is also set by ${earlier}; set each key once` });
      continue;
    }
    fieldOfKey.set(entry.key, entry.field);
    if (entry.encoding === "base64" && !isCanonicalBase64(entry.value)) {
      problems.push({
        field: entry.field,
        key: entry.key,
        rule: "must be canonical base64 (standard alphabet, '=' padding, no whitespace or line breaks); pass plain text through stringData instead",
      });
      continue;
    }
    const encoded = entry.encoding === "base64" ? entry.value : encodeUtf8(entry.value);
    const bytes = decodeToBytes(encoded);
    totalBytes += bytes.length;
    if (keyProblems.length === 0) {
      decoded.set(entry.key, bytes);
      data[entry.key] = encoded;
    }
  }
  problems.push(...validateTotalSize(totalBytes, "args"));
  if (problems.length === 0) {
    problems.push(...validateTypedContent(type, decoded, annotations, (key) => fieldOfKey.get(key) ?? "args"));
  }
  return problems.length > 0 ? { data: {}, keys: [], problems } : { data, keys: Object.keys(data).sort(), problems };
}

/** Entries for every key of a map argument. */
export function entriesOf(
  map: Readonly<Record<string, string>> | undefined,
  field: string,
  encoding: DataEntry["encoding"],
): DataEntry[] {
  return Object.entries(map ?? {}).map(([key, value]) => ({ key, field, value, encoding }));
}
