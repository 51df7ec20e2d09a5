import * as pulumi from "@pulumi/pulumi";

/** Marks a value that is not known synchronously (an Output or a Promise somewhere inside). */
export const UNKNOWN: unique symbol = Symbol("unknown");

/**
 * The plain value of an input when it holds no Output or Promise at any depth, else UNKNOWN.
 * Lets the components validate what the program wrote literally before registering anything.
 */
export function knownValue<T>(input: pulumi.Input<T> | undefined): pulumi.Unwrap<T> | undefined | typeof UNKNOWN {
  return walk(input) as pulumi.Unwrap<T> | undefined | typeof UNKNOWN;
}

function walk(value: unknown): unknown {
  if (pulumi.Output.isInstance(value) || value instanceof Promise) return UNKNOWN;
  if (Array.isArray(value)) {
    const items = value.map(walk);
    return items.includes(UNKNOWN) ? UNKNOWN : items;
  }
  if (typeof value === "object" && value !== null && !Buffer.isBuffer(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const known = walk(item);
      if (known === UNKNOWN) return UNKNOWN;
      result[key] = known;
    }
    return result;
  }
  return value;
}
