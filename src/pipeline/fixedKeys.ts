/**
 * What a class whose data keys are fixed adds (BasicAuthSecret, SshAuthSecret, TlsSecret): each
 * key from one plain-text argument. Its key names are known whatever the values are; an optional
 * one only once it is known to be set.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { SecretMetadataArgs } from "../metadataArgs";
import type { DataEntry } from "../validation/data";
import type { Problem } from "../validation/problem";
import { STRING } from "../validation/shapes";
import { allKeys, keyIfSet } from "./keys";
import type { ClassContent, SecretClass } from "./spec";

/** A data key that one plain-text argument fills. */
export interface FixedKey<A> {
  readonly key: string;
  readonly field: keyof A & string;
  readonly optional?: boolean;
}

/** The plain-text arguments, by name. */
export type PartValues = Record<string, pulumi.Input<string> | undefined>;

/** The shapes, values, content and key names of a class with the keys in `list`. */
export function fixedKeys<A extends SecretMetadataArgs>(
  list: readonly FixedKey<A>[],
): Pick<SecretClass<A, PartValues>, "shapes" | "values" | "content" | "keys"> {
  const argOf = (args: A, field: string) => (args as unknown as PartValues)[field];
  return {
    shapes: Object.fromEntries(list.map(({ field }) => [field, STRING])),
    values: (args) => Object.fromEntries(list.map(({ field }) => [field, argOf(args, field)])),
    content: (values) => parts(list, values),
    keys: (args) =>
      allKeys(list.map(({ key, field, optional }) => (optional ? keyIfSet(argOf(args, field), key) : [key]))),
  };
}

/** Entries for the arguments that are set; a missing required argument is a problem. */
function parts<A>(list: readonly FixedKey<A>[], values: Record<string, string | undefined>): ClassContent {
  const entries: DataEntry[] = [];
  const problems: Problem[] = [];
  for (const { key, field, optional } of list) {
    const value = values[field];
    if (value !== undefined) entries.push({ key, field: `args.${field}`, value, encoding: "utf8" });
    else if (!optional) problems.push({ field: `args.${field}`, rule: "is required" });
  }
  return { entries, problems };
}
