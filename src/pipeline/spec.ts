/**
 * The shapes the pipeline passes along: what a component class declares about itself
 * ({@link SecretClass}), the arguments gathered from a constructor call ({@link SecretSpec}), and
 * the same with every field resolved or marked unknown ({@link SettledSpec}).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { UNKNOWN } from "../known";
import type { OwnerReferenceArgs, SecretMetadataArgs } from "../metadataArgs";
import type { DataEntry } from "../validation/data";
import type { Problem } from "../validation/problem";
import type { Shape } from "../validation/shapes";
import type { KeyNames } from "./keys";
import type { AutonamingSetting } from "./naming";

export type StringMap = { [key: string]: pulumi.Input<string> };

/** The data entries a class derives from its resolved value arguments. */
export interface ClassContent {
  readonly entries: DataEntry[];
  /** Problems with the values themselves (e.g. registry credentials), named by argument. */
  readonly problems: Problem[];
}

/** A check of a plain (non-secret) argument that only one class has. */
export interface PlainCheck {
  readonly input: pulumi.Input<string>;
  readonly check: (value: string) => Problem[];
}

/** Everything class-specific about a component, declared once per class beside it in `components/`. */
export interface SecretClass<A extends SecretMetadataArgs, V extends object> {
  /** The component's type token, `kubesecret:index:<ClassName>`. */
  readonly token: string;
  /** The Secret type: fixed by the class, or the user's `type` argument. */
  readonly type: (args: A) => pulumi.Input<string> | undefined;
  /** The shape of each argument the class adds (see validation/shapes.ts). */
  readonly shapes: Readonly<Record<string, Shape>>;
  /** The value-carrying arguments. */
  readonly values: (args: A) => V;
  /** Data entries for the resolved values, once their shapes are checked. */
  readonly content: (values: pulumi.Unwrap<V>) => ClassContent;
  /** The data key names as the arguments show them; "live": the cluster fills in the data. */
  readonly keys: (args: A) => KeyNames | "live";
  /** Annotations the class adds to the user's (plain metadata). */
  readonly annotations?: (args: A) => StringMap;
  /** Checks of plain arguments the class adds. */
  readonly checks?: (args: A) => PlainCheck[];
}

/** One argument as given, and the shape it must have. */
export interface ShapedArg {
  /** Its name in the args, e.g. `labels`. */
  readonly field: string;
  readonly shape: Shape;
  readonly value: unknown;
  /** Whether the class adds it (its content and checks need it well-shaped). */
  readonly ofClass: boolean;
}

/** A constructor call's arguments, gathered: values may still be Outputs. */
export interface SecretSpec {
  /** `<token> "<component name>"`, the subject of error messages. */
  readonly subject: string;
  /** The child resource's Pulumi name (see naming.ts). */
  readonly childName: string;
  /** Earlier child names this one answers to, so existing stacks keep their Secret. */
  readonly childAliases: string[];
  readonly name: pulumi.Input<string> | undefined;
  /** As given: validation checks it is a plain string. */
  readonly generateName: unknown;
  readonly namespace: pulumi.Input<string> | undefined;
  readonly labels: pulumi.Input<StringMap> | undefined;
  /** The user's annotations merged with the class's. */
  readonly annotations: pulumi.Input<StringMap> | undefined;
  readonly type: pulumi.Input<string>;
  readonly immutable: pulumi.Input<boolean> | undefined;
  readonly ownerReferences: pulumi.Input<pulumi.Input<OwnerReferenceArgs>[]> | undefined;
  readonly values: object;
  readonly checks: PlainCheck[];
  /** The stack's `pulumi:autonaming` setting for Secrets, when one is configured. */
  readonly autonaming: AutonamingSetting | undefined;
  /** Whether to keep a key and expose the rollout `revision`. */
  readonly trackRevision: boolean;
  /** Whether the values stay out of Pulumi state (see src/writeOnly/). */
  readonly writeOnly: boolean;
  /** Whether an existing Secret of that name is taken over (see existing.ts). */
  readonly adopt: boolean;
  /** The component's resource options that apply to the Secret (see options.ts). */
  readonly childOptions: pulumi.CustomResourceOptions;
  /** Whether the write-only provider module is installed where the program runs (see writeOnly/host.ts). */
  readonly writeOnlyReachable: boolean;
}

/** A value as far as it is known: resolved, or UNKNOWN while an Output inside it has no value. */
export type Settled<T> = T | typeof UNKNOWN;

/** The spec with what validation reads resolved as far as possible. */
export interface SettledSpec {
  readonly childName: string;
  readonly name: Settled<string | undefined>;
  /** Whether `name` was given at all (an Output counts). */
  readonly hasName: boolean;
  readonly generateName: unknown;
  readonly namespace: Settled<string | undefined>;
  readonly labels: Settled<Record<string, string> | undefined>;
  readonly annotations: Settled<Record<string, string> | undefined>;
  readonly type: Settled<string>;
  /** The owner references with each Output inside them replaced by UNKNOWN. */
  readonly ownerReferences: unknown;
  readonly checks: ReadonlyArray<{ value: Settled<string>; check: (value: string) => Problem[] }>;
  /** Every argument with each Output inside it replaced by UNKNOWN. */
  readonly args: ReadonlyArray<ShapedArg>;
  /** The value arguments, with each Output inside them replaced by UNKNOWN. */
  readonly values: object;
  /** The class's data entries for its values; validation derives them once the shapes are right. */
  readonly content: (values: object) => ClassContent;
  readonly autonaming: AutonamingSetting | undefined;
  readonly writeOnly: boolean;
  readonly adopt: boolean;
  /** Whether the write-only provider module is installed where the program runs (see writeOnly/host.ts). */
  readonly writeOnlyReachable: boolean;
}
