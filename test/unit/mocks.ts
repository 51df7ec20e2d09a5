/**
 * Pulumi mocks that record every registration and answer for the child Secret the way the
 * Kubernetes provider would: an autoname when none is set, and server-assigned metadata.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CANARY } from "./canary";

export interface Registration {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
}

/** Every resource registered since the last {@link resetRegistrations}. */
export const registrations: Registration[] = [];

export function resetRegistrations(): void {
  registrations.length = 0;
}

/** The Pulumi wire form of a secret, as the mocks see it. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isWireSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG
  );
}

export function unwrapWire(value: unknown): unknown {
  return isWireSecret(value) ? value.value : value;
}

let serial = 0;

export function mockResource(args: pulumi.runtime.MockResourceArgs): {
  id: string | undefined;
  state: Record<string, unknown>;
} {
  registrations.push({ type: args.type, name: args.name, custom: args.custom ?? false, inputs: args.inputs });
  // A Stash keeps its first input as `output`; the engine's builtin provider does the same.
  if (args.type === "pulumi:index:Stash") {
    return { id: `stash-${args.name}`, state: { input: args.inputs["input"], output: args.inputs["input"] } };
  }
  if (args.type !== "kubernetes:core/v1:Secret") return { id: undefined, state: args.inputs };
  serial += 1;
  const metadata = (args.inputs["metadata"] ?? {}) as Record<string, unknown>;
  const name = (metadata["name"] as string | undefined) ?? `${args.name}-0a1b2c3d`;
  const namespace = (metadata["namespace"] as string | undefined) ?? "default";
  const state: Record<string, unknown> = {
    ...args.inputs,
    metadata: {
      ...metadata,
      name,
      namespace,
      uid: `uid-${serial}`,
      resourceVersion: `${1000 + serial}`,
      creationTimestamp: "2026-11-27T00:00:00Z",
    },
  };
  if (args.inputs["type"] === "kubernetes.io/service-account-token") {
    // What the token controller writes; the provider reads it back on create. The token carries
    // the canary: a value the cluster makes must stay as secret as one the program passes.
    const token = Buffer.from(`eyJhbGciOiJSUzI1NiJ9.${CANARY}-token.c2lnbmF0dXJl`).toString("base64");
    state["data"] = { "ca.crt": "Y2E=", namespace: Buffer.from(namespace).toString("base64"), token };
  }
  return { id: `${namespace}/${name}`, state };
}
