/**
 * The shape of each argument, as the package schema declares it. TypeScript checks shapes at
 * compile time, but YAML, Python and `as any` reach the component unchecked: a string where a
 * map belongs would become one key per character, `null` in a list would crash a later rule.
 * Every argument is checked here first; the other rules read only arguments of the right shape.
 */
import { UNKNOWN } from "../known";
import type { Problem } from "./problem";

/** What an argument must be. `plain`: why the program itself must give it, not as an Output. */
export type Shape =
  | { readonly kind: "string" | "boolean"; readonly plain?: string }
  | { readonly kind: "stringMap" }
  | { readonly kind: "list"; readonly items: Shape }
  | { readonly kind: "object"; readonly properties: Readonly<Record<string, Shape>> };

export const STRING: Shape = { kind: "string" };
export const BOOLEAN: Shape = { kind: "boolean" };
export const STRING_MAP: Shape = { kind: "stringMap" };

/** How a string that UTF-8 cannot carry is reported (the SDK would silently replace the surrogate). */
export const LONE_SURROGATE_RULE =
  "must be well-formed Unicode, without a lone UTF-16 surrogate (UTF-8 cannot carry one; it would be replaced)";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What was given instead, by kind only: never the value. */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (Buffer.isBuffer(value)) return "bytes";
  const type = typeof value;
  return type === "object" ? "an object" : type === "undefined" ? "undefined" : `a ${type}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Problems with the shape of `value`, an argument with each Output inside it replaced by
 * UNKNOWN (what is unknown now is checked once it resolves). `undefined` is an argument left
 * out: whether one is required is the class's rule.
 */
export function validateShape(value: unknown, shape: Shape, field: string): Problem[] {
  if (value === UNKNOWN) {
    return "plain" in shape && shape.plain !== undefined
      ? [{ field, rule: `must be a plain ${shape.kind} (${shape.plain}), not an Output` }]
      : [];
  }
  if (value === undefined) return [];
  switch (shape.kind) {
    case "string":
      if (typeof value !== "string") return [{ field, rule: `must be a string, not ${kindOf(value)}` }];
      return LONE_SURROGATE.test(value) ? [{ field, rule: LONE_SURROGATE_RULE }] : [];
    case "boolean":
      return typeof value === "boolean" ? [] : [{ field, rule: `must be a boolean, not ${kindOf(value)}` }];
    case "stringMap":
      return isPlainObject(value)
        ? validateStringMap(value, field)
        : [{ field, rule: `must be a map of strings (key → value), not ${kindOf(value)}` }];
    case "list":
      return Array.isArray(value)
        ? value.flatMap((item, i) =>
            item === undefined
              ? [{ field: `${field}[${i}]`, rule: "must not be missing" }]
              : validateShape(item, shape.items, `${field}[${i}]`),
          )
        : [{ field, rule: `must be a list, not ${kindOf(value)}` }];
    case "object":
      return isPlainObject(value)
        ? Object.entries(shape.properties).flatMap(([name, inner]) =>
            validateShape(value[name], inner, `${field}.${name}`),
          )
        : [{ field, rule: `must be an object, not ${kindOf(value)}` }];
  }
}

function validateStringMap(map: Record<string, unknown>, field: string): Problem[] {
  return Object.entries(map).flatMap(([key, value]): Problem[] => {
    // A key is metadata and may be named, but not one UTF-8 cannot carry.
    if (LONE_SURROGATE.test(key)) return [{ field, rule: `every key ${LONE_SURROGATE_RULE}` }];
    if (value === UNKNOWN) return [];
    if (typeof value !== "string") return [{ field, key, rule: `value must be a string, not ${kindOf(value)}` }];
    return LONE_SURROGATE.test(value) ? [{ field, key, rule: `value ${LONE_SURROGATE_RULE}` }] : [];
  });
}
