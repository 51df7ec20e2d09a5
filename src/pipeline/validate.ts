/**
 * The one check of a Secret's arguments: a pure function over what is known of them. It runs
 * before anything is registered on everything the program wrote literally, and once more, whole,
 * inside the single apply that resolves any Outputs (see plan.ts).
 */
import { UNKNOWN } from "../known";
import type { DataEntry } from "../validation/data";
import { validateEntries } from "../validation/data";
import { validateAnnotations, validateLabels, validateNamespace, validateObjectName } from "../validation/metadata";
import type { Problem } from "../validation/problem";
import { validateTypedContent } from "../validation/typedContent";
import { validateSecretType } from "../validation/types";
import { validateNaming } from "./naming";
import type { Settled, SettledSpec } from "./spec";

/** Every problem with the arguments, as far as they are known; empty when they are valid. */
export function validateSecret(spec: SettledSpec): Problem[] {
  return [
    ...validateNaming(spec.childName, spec.hasName, spec.generateName, spec.autonaming),
    ...ifKnown(spec.name, (v) => validateObjectName(v, "args.name")),
    ...ifKnown(spec.namespace, (v) => validateNamespace(v, "args.namespace")),
    ...ifKnown(spec.labels, (v) => validateLabels(v, "args.labels")),
    ...ifKnown(spec.annotations, (v) => validateAnnotations(v, "args.annotations")),
    ...ifKnown(spec.type, (v) => validateSecretType(v, "args.type")),
    ...spec.checks.flatMap(({ value, check }) => ifKnown(value, check)),
    ...validateContent(spec),
  ];
}

/** Data entries: each key and value, then the rules of the type (which need type and annotations). */
function validateContent(spec: SettledSpec): Problem[] {
  if (spec.content === UNKNOWN) return [];
  const { entries, problems } = spec.content;
  if (problems.length > 0) return problems;
  const entryProblems = validateEntries(entries);
  if (entryProblems.length > 0 || spec.type === UNKNOWN || spec.annotations === UNKNOWN) return entryProblems;
  return validateTypedContent(spec.type, byKey(entries), spec.annotations ?? {});
}

function byKey(entries: readonly DataEntry[]): Map<string, DataEntry> {
  return new Map(entries.map((entry) => [entry.key, entry]));
}

function ifKnown<T>(value: Settled<T | undefined>, validate: (value: T) => Problem[]): Problem[] {
  return value === UNKNOWN || value === undefined ? [] : validate(value);
}
