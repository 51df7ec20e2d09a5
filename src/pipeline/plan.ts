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
import { UNKNOWN, knownValue } from "../known";
import type { SecretMetadataArgs } from "../metadataArgs";
import { describeProblems, type Problem } from "../validation/problem";
import { SecretType } from "../validation/types";
import { type EncodedData, encodeData } from "./encode";
import { autonamingSetting, childAliases, childName } from "./naming";
import { type Content, defineOutputs, registerSecret } from "./register";
import type { SecretKind, SecretSpec, SettledSpec, StringMap } from "./spec";
import { validateSecret } from "./validate";

/** A component's checked arguments, ready to register. */
export interface SecretPlan {
  /** The component's type token. */
  readonly token: string;
  /** What the component stores as its own inputs: nothing, since its child holds all of it. */
  readonly stateArgs: pulumi.Inputs;
  /** Registers the child Secret, puts the outputs on `component`, and returns what to register. */
  readonly attach: (component: pulumi.ComponentResource) => pulumi.Inputs;
}

/** Gathers and validates a constructor call; throws a ResourceError listing every problem. */
export function planSecret<A extends SecretMetadataArgs, V extends object>(
  componentName: string,
  args: A,
  kind: SecretKind<A, V>,
): SecretPlan {
  const spec = gatherSpec(componentName, args, kind);
  const known = settle(spec, kind);
  assertValid(spec.subject, validateSecret(known));
  const content: Content =
    known.content !== UNKNOWN && isSettled(known) ? encodeData(known.content.entries) : resolveLater(spec, kind);
  return {
    token: kind.token,
    stateArgs: {},
    attach: (component) => {
      const keysFromLiveObject = kind.keysFromLiveObject ?? false;
      defineOutputs(component, registerSecret(component, spec, content, keysFromLiveObject, componentName));
      // The child stores the live object; the component's own state stays small (see README, Cost).
      return {};
    },
  };
}

function gatherSpec<A extends SecretMetadataArgs, V extends object>(
  componentName: string,
  args: A,
  kind: SecretKind<A, V>,
): SecretSpec {
  return {
    subject: `${kind.token} "${componentName}"`,
    childName: childName(componentName, args.generateName),
    childAliases: childAliases(componentName, args.generateName),
    name: args.name,
    generateName: args.generateName,
    namespace: args.namespace,
    labels: args.labels,
    annotations: mergeAnnotations(args.annotations, kind.annotations?.(args)),
    type: kind.type(args) ?? SecretType.Opaque,
    immutable: args.immutable,
    values: kind.values(args),
    checks: kind.checks?.(args) ?? [],
    // Read only when the provider names the object: the setting decides how.
    autonaming:
      args.name === undefined
        ? autonamingSetting(new pulumi.Config("pulumi").getObject<unknown>("autonaming"))
        : undefined,
    trackRevision: args.trackRevision === true,
  };
}

/** What validation reads, resolved where it is known now (or, inside the apply, everywhere). */
function settle<A extends SecretMetadataArgs, V extends object>(spec: SecretSpec, kind: SecretKind<A, V>): SettledSpec {
  const values = knownValue(spec.values as pulumi.Input<V>);
  return {
    childName: spec.childName,
    name: knownValue(spec.name),
    hasName: spec.name !== undefined,
    generateName: spec.generateName,
    namespace: knownValue(spec.namespace),
    labels: knownValue(spec.labels) as SettledSpec["labels"],
    annotations: knownValue(spec.annotations) as SettledSpec["annotations"],
    type: knownValue(spec.type) as SettledSpec["type"],
    checks: spec.checks.map(({ input, check }) => ({ value: knownValue(input) as string | typeof UNKNOWN, check })),
    content: values === UNKNOWN ? UNKNOWN : kind.content(values as pulumi.Unwrap<V>),
    autonaming: spec.autonaming,
  };
}

/** True when nothing validation reads is still unknown. */
function isSettled(spec: SettledSpec): boolean {
  const fields = [spec.name, spec.namespace, spec.labels, spec.annotations, spec.type, spec.content];
  return !fields.includes(UNKNOWN) && spec.checks.every(({ value }) => value !== UNKNOWN);
}

/** Validates and encodes once every Output has resolved, in one apply over all arguments. */
function resolveLater<A extends SecretMetadataArgs, V extends object>(
  spec: SecretSpec,
  kind: SecretKind<A, V>,
): pulumi.Output<EncodedData> {
  const inputs = {
    name: spec.name,
    namespace: spec.namespace,
    labels: spec.labels,
    annotations: spec.annotations,
    type: spec.type,
    values: spec.values,
    checks: spec.checks.map(({ input }) => input),
  };
  return pulumi.output(inputs).apply((resolved) => {
    const resolvedSpec: SecretSpec = {
      ...spec,
      ...resolved,
      checks: spec.checks.map((check, i) => ({ ...check, input: resolved.checks[i]! })),
    };
    const settledSpec = settle(resolvedSpec, kind);
    assertValid(spec.subject, validateSecret(settledSpec));
    return encodeData((settledSpec.content as Exclude<SettledSpec["content"], typeof UNKNOWN>).entries);
  });
}

/**
 * The error for rejected arguments. It names the component in its message rather than carrying
 * the resource, and hides the JavaScript stack: the message says all a user needs.
 */
function assertValid(subject: string, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new pulumi.ResourceError(describeProblems(subject, problems), undefined, true);
}

function mergeAnnotations(user: pulumi.Input<StringMap> | undefined, fromKind: StringMap | undefined) {
  if (fromKind === undefined) return user;
  const knownUser = knownValue(user);
  if (knownUser !== UNKNOWN) return { ...(knownUser ?? {}), ...fromKind } as StringMap;
  return pulumi.all([user ?? {}, fromKind]).apply(([annotations, added]) => ({ ...annotations, ...added }));
}
