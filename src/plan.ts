/**
 * The work every kubesecret component shares: validate what is known before anything is
 * registered, keep values secret in state, encode data, name the child Secret and expose the
 * live object's identity. Each component class describes its type in a {@link SecretDefinition}.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type DataEntry, encodeContent } from "./content";
import { UNKNOWN, knownValue } from "./known";
import type { SecretMetadataArgs } from "./metadataArgs";
import type { SecretOutputs } from "./outputs";
import {
  validateAnnotations,
  validateGenerateName,
  validateLabels,
  validateNamespace,
  validateObjectName,
} from "./validation/metadata";
import { type Problem, describeProblems } from "./validation/problem";
import { SecretType, validateSecretType } from "./validation/types";

type StringMap = { [key: string]: pulumi.Input<string> };

/** How one component class turns its arguments into a Secret. */
export interface SecretDefinition<V extends object> {
  /** The component's type token, `kubesecret:index:<ClassName>`. */
  readonly token: string;
  /** The Secret type: fixed by the class, or the user's `type` argument. */
  readonly type: pulumi.Input<string> | undefined;
  /** Whether `type` is a user argument (validated and kept in state as given). */
  readonly typeIsArgument?: boolean;
  /** The value-carrying arguments. They are secret in state and produce the data entries. */
  readonly values: V;
  /** Data entries for resolved values, and any problem with the values themselves. */
  readonly toEntries: (values: pulumi.Unwrap<V>) => { entries: DataEntry[]; problems: Problem[] };
  /** Annotations the type adds to the user's (not secret). */
  readonly typeAnnotations?: StringMap;
  /** Checks of plain (non-secret) arguments the class adds, e.g. a ServiceAccount name. */
  readonly plainChecks?: ReadonlyArray<{ input: pulumi.Input<string>; check: (value: string) => Problem[] }>;
  /** Take `keys` from the live object: for types whose data the cluster fills in. */
  readonly keysFromLiveObject?: boolean;
}

/** A component's arguments, checked as far as they are known and ready to register. */
export interface PreparedSecret {
  /** The arguments to store with the component: metadata as given, values wrapped as secrets. */
  readonly stateArgs: pulumi.Inputs;
  /** Registers the child Secret under `component` and returns the outputs. */
  readonly create: (component: pulumi.ComponentResource) => SecretOutputs;
}

const prefixesInUse = new Map<string, string>();

/**
 * Checks everything that is known now and throws a ResourceError listing every problem, so a
 * bad component registers nothing. Values that are Outputs are checked again when they resolve.
 */
export function prepareSecret<V extends object>(
  name: string,
  args: SecretMetadataArgs,
  definition: SecretDefinition<V>,
): PreparedSecret {
  const subject = `${definition.token} "${name}"`;
  const type = definition.type ?? SecretType.Opaque;
  const annotations = mergeAnnotations(args.annotations, definition.typeAnnotations);
  const problems = [
    ...checkNaming(name, args, definition.token),
    ...whenKnown(args.name, (v) => validateObjectName(v, "args.name")),
    ...whenKnown(args.namespace, (v) => validateNamespace(v, "args.namespace")),
    ...whenKnown(args.labels, (v) => validateLabels(v, "args.labels")),
    ...whenKnown(annotations, (v) => validateAnnotations(v, "args.annotations")),
    ...whenKnown(type, (v) => validateSecretType(v, "args.type")),
    ...(definition.plainChecks ?? []).flatMap(({ input, check }) => whenKnown(input, check)),
  ];
  const knownType = knownValue(type);
  const knownValues = knownValue(definition.values);
  const knownAnnotations = knownValue(annotations);
  if (problems.length === 0 && knownType !== UNKNOWN && knownValues !== UNKNOWN && knownAnnotations !== UNKNOWN) {
    const resolvedType = knownType ?? SecretType.Opaque;
    problems.push(
      ...resolveContent(definition, resolvedType, knownValues as pulumi.Unwrap<V>, knownAnnotations ?? {}).problems,
    );
  }
  if (problems.length > 0) throw invalidArguments(subject, problems);
  if (args.generateName !== undefined) prefixesInUse.set(prefixKey(definition.token, args.generateName), name);

  return {
    stateArgs: stateArgs(args, definition),
    create: (component) => createSecret(component, name, subject, args, definition, type, annotations),
  };
}

function createSecret<V extends object>(
  component: pulumi.ComponentResource,
  name: string,
  subject: string,
  args: SecretMetadataArgs,
  definition: SecretDefinition<V>,
  type: pulumi.Input<string>,
  annotations: pulumi.Input<StringMap> | undefined,
): SecretOutputs {
  const checked = <T>(input: pulumi.Input<T> | undefined, validate: (v: pulumi.Unwrap<T>) => Problem[]) =>
    input === undefined
      ? undefined
      : pulumi.output(input).apply((value) => {
          const problems = validate(value);
          if (problems.length > 0) throw invalidArguments(subject, problems);
          return value;
        });

  const checkedType = checked(type, (v) => validateSecretType(v, "args.type"))!;
  const checkedAnnotations = checked(annotations, (v) => validateAnnotations(v, "args.annotations"));
  const plainChecks = (definition.plainChecks ?? []).map(({ input, check }) => checked(input, check));
  const content = pulumi
    .all([
      checkedType,
      pulumi.output(definition.values),
      pulumi.output(checkedAnnotations ?? {}),
      pulumi.all(plainChecks),
    ])
    .apply(([resolvedType, values, resolvedAnnotations]) => {
      const result = resolveContent(definition, resolvedType, values as pulumi.Unwrap<V>, resolvedAnnotations);
      if (result.problems.length > 0) throw invalidArguments(subject, result.problems);
      return result;
    });

  const secret = new k8s.core.v1.Secret(
    childName(name, args.generateName),
    {
      metadata: {
        name: checked(args.name, (v) => validateObjectName(v, "args.name")),
        namespace: checked(args.namespace, (v) => validateNamespace(v, "args.namespace")),
        labels: checked(args.labels, (v) => validateLabels(v, "args.labels")),
        annotations: checkedAnnotations,
      },
      type: checkedType,
      immutable: args.immutable,
      data: pulumi.secret(content.apply((c) => c.data)),
    },
    { parent: component },
  );

  const keys = definition.keysFromLiveObject
    ? secret.data.apply((data) => Object.keys(data ?? {}).sort())
    : content.apply((c) => c.keys);
  return {
    name: secret.metadata.name,
    namespace: secret.metadata.namespace,
    uid: secret.metadata.uid,
    resourceVersion: secret.metadata.resourceVersion,
    creationTimestamp: secret.metadata.creationTimestamp,
    type: secret.type,
    // Key names are visible metadata in Kubernetes; keeping them plain lets previews show them.
    keys: pulumi.unsecret(keys),
    data: pulumi.secret(secret.data),
    secret,
  };
}

/**
 * The error for rejected arguments. It names the component in its message rather than carrying
 * the resource, and hides the JavaScript stack: the message says all a user needs.
 */
function invalidArguments(subject: string, problems: readonly Problem[]): pulumi.ResourceError {
  return new pulumi.ResourceError(describeProblems(subject, problems), undefined, true);
}

function resolveContent<V extends object>(
  definition: SecretDefinition<V>,
  type: string,
  values: pulumi.Unwrap<V>,
  annotations: Readonly<Record<string, string>>,
) {
  const { entries, problems } = definition.toEntries(values);
  if (problems.length > 0) return { data: {}, keys: [], problems };
  return encodeContent(type, entries, annotations);
}

function checkNaming(name: string, args: SecretMetadataArgs, token: string): Problem[] {
  if (args.generateName === undefined) return [];
  if (args.name !== undefined) {
    return [{ field: "args.generateName", rule: "cannot be combined with args.name; set one of them" }];
  }
  if (typeof args.generateName !== "string") {
    return [
      { field: "args.generateName", rule: "must be a plain string (it names the child resource), not an Output" },
    ];
  }
  const problems = validateGenerateName(args.generateName, "args.generateName");
  const owner = prefixesInUse.get(prefixKey(token, args.generateName));
  if (problems.length === 0 && owner !== undefined && owner !== name) {
    problems.push({
      field: "args.generateName",
      rule: `is already used by the ${token} "${owner}" in this program; give each component of a class its own prefix`,
    });
  }
  return problems;
}

/**
 * The child's Pulumi name. Without a Kubernetes name the provider names the object after it
 * (`<child name>-<8 hex>`, new on replacement), which is how generateName is honoured.
 */
export function childName(componentName: string, generateName: string | undefined): string {
  if (generateName === undefined) return componentName;
  return generateName.endsWith("-") ? generateName.slice(0, -1) : generateName;
}

function prefixKey(token: string, generateName: string): string {
  return `${token}\u0000${childName("", generateName)}`;
}

function whenKnown<T>(input: pulumi.Input<T> | undefined, validate: (value: pulumi.Unwrap<T>) => Problem[]): Problem[] {
  const value = knownValue(input);
  return value === UNKNOWN || value === undefined ? [] : validate(value);
}

function mergeAnnotations(user: pulumi.Input<StringMap> | undefined, fromType: StringMap | undefined) {
  if (fromType === undefined) return user;
  const knownUser = knownValue(user);
  const knownFromType = knownValue(fromType);
  if (knownUser !== UNKNOWN && knownFromType !== UNKNOWN)
    return { ...(knownUser ?? {}), ...knownFromType } as StringMap;
  return pulumi.all([user ?? {}, fromType]).apply(([annotations, added]) => ({ ...annotations, ...added }));
}

function stateArgs<V extends object>(args: SecretMetadataArgs, definition: SecretDefinition<V>): pulumi.Inputs {
  const state: pulumi.Inputs = {};
  for (const [key, value] of Object.entries(args)) {
    if (value !== undefined && !(key in definition.values)) state[key] = value;
  }
  for (const [key, value] of Object.entries(definition.values)) {
    if (value !== undefined) state[key] = pulumi.secret(value);
  }
  if (!definition.typeIsArgument) delete state["type"];
  return state;
}
