/** Turns validated data entries into the base64 `data` map Kubernetes stores. */
import { encodeUtf8 } from "../encoding";
import type { DataEntry } from "../validation/data";

/** What the child Secret receives. */
export interface EncodedData {
  /** Data key → canonical base64. */
  readonly data: Record<string, string>;
}

/** Encodes entries that passed validation (plain text as UTF-8, base64 as given). */
export function encodeData(entries: readonly DataEntry[]): EncodedData {
  // fromEntries defines each key as an own property: an assignment would drop a key named __proto__.
  const data = Object.fromEntries(
    entries.map((entry) => [entry.key, entry.encoding === "utf8" ? encodeUtf8(entry.value) : entry.value]),
  ) as Record<string, string>;
  return { data };
}
