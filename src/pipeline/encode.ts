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
  const data: Record<string, string> = {};
  for (const entry of entries) data[entry.key] = entry.encoding === "utf8" ? encodeUtf8(entry.value) : entry.value;
  return { data };
}
