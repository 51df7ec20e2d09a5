/**
 * The write-only provider's diff (the provider process runs it for every resource on every
 * preview and up): what changes, and whether the object can be updated in place.
 */
import { typeOf } from "./kube";
import { type Props, type WriteOnlyInputs, inputsOf } from "./stored";

/**
 * What changes. Replaced when the object cannot be updated in place: another namespace, name or
 * prefix, another type, or new data for an immutable Secret; the old object is deleted first. A
 * `kubernetes:core/v1:Secret` being switched to write-only (an alias) is always updated in place,
 * so that its object is kept (a replacement would delete it with the old provider).
 */
export async function diff(
  _id: string,
  olds: Props,
  news: Props,
): Promise<{ changes: boolean; replaces?: string[]; deleteBeforeReplace?: boolean }> {
  if (olds["kind"] === "Secret" && olds["__provider"] === undefined) return { changes: true };
  const before = inputsOf(olds);
  const after = inputsOf(news);
  const stored = (inputs: WriteOnlyInputs, field: keyof WriteOnlyInputs) =>
    field === "type" ? typeOf(inputs) : (inputs[field] ?? null);
  const differs = (field: keyof WriteOnlyInputs) =>
    JSON.stringify(stored(before, field)) !== JSON.stringify(stored(after, field));
  const fields: Array<keyof WriteOnlyInputs> = [
    "namespace",
    "name",
    "generateName",
    "type",
    "labels",
    "annotations",
    "immutable",
    "ownerReferences",
    "fingerprints",
    "cluster",
    "owner",
  ];
  const changed = fields.filter(differs);
  const replaces: string[] = changed.filter((f) => ["namespace", "name", "generateName", "type"].includes(f));
  if (before.immutable === true && (differs("fingerprints") || differs("immutable"))) replaces.push("fingerprints");
  return {
    changes: changed.length > 0,
    // Always freed first: the new object would otherwise find the old one by its owner label.
    ...(replaces.length > 0 ? { replaces, deleteBeforeReplace: true } : {}),
  };
}
