/**
 * The one check of a Secret's arguments: a pure function over what is known of them. It runs
 * before anything is registered on everything the program wrote literally, and once more, whole,
 * inside the single apply that resolves any Outputs (see plan.ts).
 */
import { UNKNOWN, hasUnknown } from "../known";
import type { DataEntry } from "../validation/data";
import { validateEntries } from "../validation/data";
import { validateAnnotations, validateLabels, validateNamespace, validateObjectName } from "../validation/metadata";
import { validateOwnerReferences } from "../validation/ownerReferences";
import type { Problem } from "../validation/problem";
import { isPlainObject, validateShape } from "../validation/shapes";
import { validateTypedContent } from "../validation/typedContent";
import { validateSecretType } from "../validation/types";
import { validateNaming } from "./naming";
import type { ClassContent, Settled, SettledSpec } from "./spec";

/** What validation found: every problem, and the data entries once the values are known. */
export interface Validated {
  readonly problems: Problem[];
  readonly entries: Settled<DataEntry[]>;
}

/**
 * Every problem with the arguments, as far as they are known; none when they are valid. Shapes
 * come first: every other rule reads only arguments of the right shape, so a string where a map
 * belongs is one problem, not a key per character.
 */
export function validateSecret(spec: SettledSpec): Validated {
  const shapeProblems = spec.args.map((arg) => validateShape(arg.value, arg.shape, `args.${arg.field}`));
  const misshapen = new Set(spec.args.filter((_, i) => shapeProblems[i]!.length > 0).map((arg) => arg.field));
  const shaped = <T>(field: string, value: Settled<T>): Settled<T> => (misshapen.has(field) ? UNKNOWN : value);
  // The class's content and checks read all its arguments (and its annotations).
  const classShaped = spec.args.every((arg) => !arg.ofClass || !misshapen.has(arg.field));
  const annotations = classShaped ? shaped("annotations", spec.annotations) : UNKNOWN;
  const complete = !hasUnknown(spec.values);
  const content = classShaped ? spec.content(complete ? spec.values : withPlaceholders(spec.values)) : UNKNOWN;
  const problems = [
    ...shapeProblems.flat(),
    ...validateNaming(spec.childName, spec.hasName, spec.generateName, spec.autonaming),
    ...validateWriteOnly(spec),
    ...validateAdopt(spec),
    ...ifKnown(shaped("name", spec.name), (v) => validateObjectName(v, "args.name")),
    ...ifKnown(shaped("namespace", spec.namespace), (v) => validateNamespace(v, "args.namespace")),
    ...ifKnown(shaped("labels", spec.labels), (v) => validateLabels(v, "args.labels")),
    ...ifKnown(annotations, (v) => validateAnnotations(v, "args.annotations")),
    ...ifKnown(shaped("type", spec.type), (v) => validateSecretType(v, "args.type")),
    ...validateOwnerReferences(shaped("ownerReferences", spec.ownerReferences), "args.ownerReferences"),
    ...(classShaped ? spec.checks.flatMap(({ value, check }) => ifKnown(value, check)) : []),
    ...(complete ? validateContent(content, shaped("type", spec.type), annotations) : validateKnownEntries(content)),
  ];
  return { problems, entries: content === UNKNOWN || !complete ? UNKNOWN : content.entries };
}

/** Data entries: each key and value, then the rules of the type (which need type and annotations). */
function validateContent(
  content: Settled<ClassContent>,
  type: Settled<string>,
  annotations: Settled<Record<string, string> | undefined>,
): Problem[] {
  if (content === UNKNOWN) return [];
  const { entries, problems } = content;
  if (problems.length > 0) return problems;
  const entryProblems = validateEntries(entries);
  if (entryProblems.length > 0 || type === UNKNOWN || annotations === UNKNOWN) return entryProblems;
  return validateTypedContent(type, byKey(entries), annotations ?? {});
}

/**
 * The values with each unknown part filled in: an argument that is wholly an Output is left out,
 * an unknown value inside a map or list is an empty string. What the program wrote literally, key
 * names above all, can then be checked before anything is registered.
 */
function withPlaceholders(values: object): object {
  const fill = (value: unknown): unknown =>
    value === UNKNOWN
      ? ""
      : Array.isArray(value)
        ? value.map(fill)
        : isPlainObject(value)
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]))
          : value;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === UNKNOWN ? undefined : fill(v)]));
}

/**
 * Entries while some values are still unknown: key names, keys set twice, and the values that
 * are known (a placeholder breaks no rule). The rules that need every value wait for them all.
 */
function validateKnownEntries(content: Settled<ClassContent>): Problem[] {
  return content === UNKNOWN ? [] : validateEntries(content.entries);
}

/** What `writeOnly` cannot honour: a stack naming rule, or a program that is not TypeScript or JavaScript. */
function validateAdopt(spec: SettledSpec): Problem[] {
  if (!spec.adopt || spec.hasName) return [];
  return [{ field: "args.adopt", rule: "needs args.name: only a Secret of a known name can be taken over" }];
}

function validateWriteOnly(spec: SettledSpec): Problem[] {
  if (!spec.writeOnly) return [];
  const field = "args.writeOnly";
  const problems: Problem[] = [];
  if (!spec.writeOnlyReachable) {
    problems.push({
      field,
      rule:
        "needs the kubesecret npm package installed in the program's directory (TypeScript and JavaScript programs): " +
        "refresh and destroy load its write-only provider from there. Programs in YAML, Python and Go cannot use it",
    });
  }
  if (spec.autonaming !== undefined && !spec.hasName) {
    problems.push({
      field,
      rule: `cannot honour the stack setting ${spec.autonaming.source}: the API server names a write-only Secret (its prefix and 5 random characters); set args.name or remove the setting`,
    });
  }
  return problems;
}

function byKey(entries: readonly DataEntry[]): Map<string, DataEntry> {
  return new Map(entries.map((entry) => [entry.key, entry]));
}

function ifKnown<T>(value: Settled<T | undefined>, validate: (value: T) => Problem[]): Problem[] {
  return value === UNKNOWN || value === undefined ? [] : validate(value);
}
