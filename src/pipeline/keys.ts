/**
 * The `keys` output: the data key names as the arguments show them. A key written literally is
 * known in every preview, even when its value, or any metadata, is an Output still unknown; only
 * a name that itself comes from an Output waits for it.
 */
import * as pulumi from "@pulumi/pulumi";
import { isEventual } from "../known";
import { isPlainObject } from "../validation/shapes";

/** Key names: known now, or once the Output they come from resolves. */
export type KeyNames = string[] | pulumi.Output<string[]>;

/** A map's keys. A map of the wrong shape names none: validation rejects it. */
export function keysOfMap(map: unknown): KeyNames {
  const names = (value: unknown) => (isPlainObject(value) ? Object.keys(value) : []);
  return isEventual(map) ? eventually(map).apply(names) : names(map);
}

/** `key` when the optional argument `input` is set; an Output decides when it resolves. */
export function keyIfSet(input: unknown, key: string): KeyNames {
  const names = (value: unknown) => (value === undefined ? [] : [key]);
  return isEventual(input) ? eventually(input).apply(names) : names(input);
}

function eventually(value: unknown): pulumi.OutputInstance<unknown> {
  return pulumi.output(value as pulumi.Input<object>);
}

/** Every name once, sorted, and plain: key names are visible metadata in Kubernetes. */
export function allKeys(groups: readonly KeyNames[]): KeyNames {
  const join = (lists: readonly string[][]) => [...new Set(lists.flat())].sort();
  if (groups.every((group) => Array.isArray(group))) return join(groups as string[][]);
  return pulumi.unsecret(pulumi.all([...groups]).apply(join));
}
