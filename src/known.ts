import * as pulumi from "@pulumi/pulumi";

/** Marks a value that is not known synchronously (an Output or a Promise). */
export const UNKNOWN: unique symbol = Symbol("unknown");

/** Whether `value` is an Output or a Promise: known only once it resolves. */
export function isEventual(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/**
 * The input with each Output or Promise inside it, at any depth, replaced by UNKNOWN: what the
 * program wrote literally keeps its shape, so it can be checked before anything is registered.
 */
export function partlyKnown(input: unknown): unknown {
  if (isEventual(input)) return UNKNOWN;
  if (Array.isArray(input)) return input.map(partlyKnown);
  if (typeof input === "object" && input !== null && !Buffer.isBuffer(input)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input)) result[key] = partlyKnown(item);
    return result;
  }
  return input;
}

/** Whether UNKNOWN occurs anywhere in a {@link partlyKnown} value. */
export function hasUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  if (typeof value === "object" && value !== null && !Buffer.isBuffer(value))
    return Object.values(value).some(hasUnknown);
  return false;
}

/** The plain value of an input when it holds no Output or Promise at any depth, else UNKNOWN. */
export function knownValue<T>(input: pulumi.Input<T> | undefined): pulumi.Unwrap<T> | undefined | typeof UNKNOWN {
  const value = partlyKnown(input);
  return (hasUnknown(value) ? UNKNOWN : value) as pulumi.Unwrap<T> | undefined | typeof UNKNOWN;
}
