/**
 * The pipeline every component runs, top to bottom:
 *
 *   gather the arguments → validate what is known (one pure function) → encode → register.
 *
 * Validation runs before `super()`, so a component with a bad literal argument registers nothing.
 * When an argument is an Output, the same validation and encoding run once more, whole, inside a
 * single apply over every argument; the child's `data` then waits for it, so nothing invalid is
 * ever sent.
 */
import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN, hasUnknown, knownValue, partlyKnown } from "../known";
import type { SecretMetadataArgs } from "../metadataArgs";
import type { DataEntry } from "../validation/data";
import { describeProblems, type Problem } from "../validation/problem";
import { OWNER_REFERENCES } from "../validation/ownerReferences";
import { BOOLEAN, STRING, STRING_MAP, type Shape } from "../validation/shapes";
import { SecretType } from "../validation/types";
import { type EncodedData, encodeData } from "./encode";
import { autonamingSetting, childAliases, childName } from "./naming";
import { childOptions } from "./options";
import { type Content, defineOutputs, registerSecret } from "./register";
import type { ClassContent, SecretClass, SecretSpec, SettledSpec, ShapedArg, StringMap } from "./spec";
import { validateSecret } from "./validate";
import { providerModuleReachable } from "../writeOnly/host";
import { registerWriteOnly } from "../writeOnly/register";

/** A component's checked arguments, ready to register. */
export interface SecretPlan {
  /** The component's type token. */
  readonly token: string;
  /** Registers the child Secret and puts the outputs on `component`. */
  readonly attach: (component: pulumi.ComponentResource) => void;
}

/** The shapes of the arguments every class takes; `generateName`'s is a naming rule (naming.ts). */
const METADATA_SHAPES: Readonly<Record<string, Shape>> = {
  name: STRING,
  namespace: STRING,
  labels: STRING_MAP,
  annotations: STRING_MAP,
  immutable: BOOLEAN,
  ownerReferences: OWNER_REFERENCES,
  trackRevision: { kind: "boolean", plain: "it decides which resources are registered" },
  writeOnly: { kind: "boolean", plain: "it decides which resources are registered" },
  adopt: { kind: "boolean", plain: "it decides what happens before the Secret is created" },
};

/** Gathers and validates a constructor call; throws a ResourceError listing every problem. */
export function planSecret<A extends SecretMetadataArgs, V extends object>(
  componentName: string,
  args: A,
  secretClass: SecretClass<A, V>,
  opts?: pulumi.ComponentResourceOptions,
): SecretPlan {
  const forwarded = childOptions(opts, valueArgs(secretClass), args.writeOnly === true);
  const spec = { ...gatherSpec(componentName, args, secretClass), childOptions: forwarded.options };
  // Kept apart from the spec, which the component holds: only validation needs them.
  const shapedArgs = [...shaped(args, METADATA_SHAPES, false), ...shaped(args, secretClass.shapes, true)];
  const known = settle(spec, shapedArgs, secretClass);
  const validated = validateSecret(known);
  const problems = [...validated.problems, ...forwarded.problems];
  const entries = validated.entries;
  assertValid(describeProblems(spec.subject, problems, NOTHING_REGISTERED), problems);
  const content: Content =
    entries !== UNKNOWN && isSettled(known) ? encodeData(entries) : resolveLater(spec, shapedArgs, secretClass);
  const keys = secretClass.keys(args);
  return {
    token: secretClass.token,
    attach: (component) => {
      const register = spec.writeOnly ? registerWriteOnly : registerSecret;
      defineOutputs(component, register(component, spec, content, keys, componentName));
    },
  };
}

/** The class's arguments that carry values (resource options name them; see options.ts). */
function valueArgs<A extends SecretMetadataArgs, V extends object>(secretClass: SecretClass<A, V>): string[] {
  return Object.keys(secretClass.shapes).filter((field) => field !== "type" && field !== "serviceAccountName");
}

function gatherSpec<A extends SecretMetadataArgs, V extends object>(
  componentName: string,
  args: A,
  secretClass: SecretClass<A, V>,
): Omit<SecretSpec, "childOptions"> {
  return {
    subject: `${secretClass.token} "${componentName}"`,
    childName: childName(componentName, args.generateName),
    childAliases: childAliases(componentName, args.generateName),
    name: args.name,
    generateName: args.generateName,
    namespace: args.namespace,
    labels: args.labels,
    annotations: mergeAnnotations(args.annotations, secretClass.annotations?.(args)),
    type: secretClass.type(args) ?? SecretType.Opaque,
    immutable: args.immutable,
    ownerReferences: args.ownerReferences,
    values: secretClass.values(args),
    checks: secretClass.checks?.(args) ?? [],
    // Read only when the provider names the object: the setting decides how.
    autonaming:
      args.name === undefined
        ? autonamingSetting(new pulumi.Config("pulumi").getObject<unknown>("autonaming"))
        : undefined,
    trackRevision: args.trackRevision === true,
    writeOnly: args.writeOnly === true,
    adopt: args.adopt === true,
    writeOnlyReachable: args.writeOnly === true ? providerModuleReachable() : true,
  };
}

/** Each argument named in `shapes`, as given, with the shape it must have. */
function shaped(args: object, shapes: Readonly<Record<string, Shape>>, ofClass: boolean): ShapedArg[] {
  const given = args as Record<string, unknown>;
  return Object.entries(shapes).map(([field, shape]) => ({ field, shape, value: given[field], ofClass }));
}

/** What validation reads, resolved where it is known now (or, inside the apply, everywhere). */
function settle<A extends SecretMetadataArgs, V extends object>(
  spec: SecretSpec,
  shapedArgs: readonly ShapedArg[],
  secretClass: SecretClass<A, V>,
): SettledSpec {
  return {
    childName: spec.childName,
    name: knownValue(spec.name),
    hasName: spec.name !== undefined,
    generateName: spec.generateName,
    namespace: knownValue(spec.namespace),
    labels: knownValue(spec.labels) as SettledSpec["labels"],
    annotations: knownValue(spec.annotations) as SettledSpec["annotations"],
    type: knownValue(spec.type) as SettledSpec["type"],
    ownerReferences: partlyKnown(spec.ownerReferences),
    checks: spec.checks.map(({ input, check }) => ({ value: knownValue(input) as string | typeof UNKNOWN, check })),
    args: shapedArgs.map((arg) => ({ ...arg, value: partlyKnown(arg.value) })),
    values: partlyKnown(spec.values) as object,
    content: secretClass.content as (values: object) => ClassContent,
    autonaming: spec.autonaming,
    writeOnly: spec.writeOnly,
    adopt: spec.adopt,
    writeOnlyReachable: spec.writeOnlyReachable,
  };
}

/** True when nothing validation reads is still unknown: every argument is (and so are the rest). */
function isSettled(spec: SettledSpec): boolean {
  return !spec.args.some((arg) => hasUnknown(arg.value));
}

/** Validates and encodes once every Output has resolved, in one apply over all arguments. */
function resolveLater<A extends SecretMetadataArgs, V extends object>(
  spec: SecretSpec,
  shapedArgs: readonly ShapedArg[],
  secretClass: SecretClass<A, V>,
): pulumi.Output<EncodedData> {
  const inputs = {
    name: spec.name,
    namespace: spec.namespace,
    labels: spec.labels,
    annotations: spec.annotations,
    type: spec.type,
    ownerReferences: spec.ownerReferences,
    values: spec.values,
    checks: spec.checks.map(({ input }) => input),
    args: shapedArgs.map(({ value }) => value),
  };
  return pulumi.output(inputs).apply((resolved) => {
    const resolvedSpec: SecretSpec = {
      ...spec,
      ...resolved,
      checks: spec.checks.map((check, i) => ({ ...check, input: resolved.checks[i]! })),
    };
    const resolvedArgs = shapedArgs.map((arg, i) => ({ ...arg, value: resolved.args[i] }));
    const { problems, entries } = validateSecret(settle(resolvedSpec, resolvedArgs, secretClass));
    assertValid(describeProblems(spec.subject, problems, afterRegistration(spec.trackRevision)), problems);
    return encodeData(entries as DataEntry[]);
  });
}

/** What is true when validation fails before `super()`. */
const NOTHING_REGISTERED = "nothing was created";

/**
 * What is true when validation fails once Outputs resolve: the component (and the revision key)
 * registered before they could, and the child Secret waits for this check, so it is never sent.
 * A failed update deletes nothing, so a Secret created by an earlier update stays as it was.
 */
function afterRegistration(trackRevision: boolean): string {
  const [registered, kept] = trackRevision ? ["the component and its revision key", "them"] : ["the component", "it"];
  return `found once its Outputs resolved; the Secret was not sent (an existing one is left as it was), but ${registered} had already been registered, so an update keeps ${kept} in the stack`;
}

/**
 * The error for rejected arguments. It names the component in its message rather than carrying
 * the resource, and hides the JavaScript stack: the message says all a user needs.
 */
function assertValid(message: string, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new pulumi.ResourceError(message, undefined, true);
}

function mergeAnnotations(user: pulumi.Input<StringMap> | undefined, fromClass: StringMap | undefined) {
  if (fromClass === undefined) return user;
  const knownUser = knownValue(user);
  if (knownUser !== UNKNOWN) return { ...(knownUser ?? {}), ...fromClass } as StringMap;
  return pulumi.all([user ?? {}, fromClass]).apply(([annotations, added]) => ({ ...annotations, ...added }));
}
