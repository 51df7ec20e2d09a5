/**
 * In a preview that creates the child Secret (its id is unknown), what the API server assigns is
 * unknown too, even where a dry run made up a value; what the program knows stays known.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import * as kubesecret from "../../src";
import { uniqueName } from "./outputs";

/** What a dry-run create returns: made-up identity, and no id. */
function dryRunCreate(args: pulumi.runtime.MockResourceArgs) {
  if (args.type !== "kubernetes:core/v1:Secret") return { id: undefined, state: args.inputs };
  const metadata = { ...args.inputs.metadata, name: args.inputs.metadata?.name ?? `${args.name}-dryrun00` };
  return {
    id: undefined,
    state: {
      ...args.inputs,
      metadata: { ...metadata, uid: "made-up", resourceVersion: "1", creationTimestamp: "then" },
    },
  };
}

const isKnown = (o: pulumi.Output<unknown>) => (o as unknown as { isKnown: Promise<boolean> }).isKnown;

beforeAll(() => {
  pulumi.runtime.setMocks({ newResource: dryRunCreate, call: () => ({}) }, "kubesecret-test", "preview", true);
});

describe("a preview that creates the Secret", () => {
  it("shows the generated name, uid, resourceVersion, creationTimestamp and revision as unknown", async () => {
    const s = new kubesecret.Secret(uniqueName("pv"), {
      generateName: "pv-",
      stringData: { a: "1" },
      trackRevision: true,
    });
    for (const field of ["name", "uid", "resourceVersion", "creationTimestamp", "revision"] as const) {
      expect(await isKnown(s[field]), field).toBe(false);
    }
    expect(await isKnown(s.keys)).toBe(true);
  });

  it("keeps a fixed name known", async () => {
    const s = new kubesecret.Secret(uniqueName("pv"), { name: "fixed", stringData: { a: "1" } });
    expect(await isKnown(s.name)).toBe(true);
    expect(await isKnown(s.uid)).toBe(false);
  });
});
