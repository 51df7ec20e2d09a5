/**
 * In a preview that creates the child Secret (its id is unknown), what the API server assigns is
 * unknown too, even where a dry run made up a value; what the program knows stays known.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import * as kubesecret from "../../src";
import { classCases } from "./fixtures";
import { uniqueName, valueOf } from "./outputValues";

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

/** The optional value arguments of the fixed-key classes. */
const OPTIONAL = new Set(["knownHosts", "caCert"]);

const isKnown = (o: pulumi.Output<unknown>) => (o as unknown as { isKnown: Promise<boolean> }).isKnown;

/** A resource this preview creates; the dry run leaves its output unknown. */
class Pending extends pulumi.CustomResource {
  declare readonly out: pulumi.Output<unknown>;
  constructor(name: string) {
    super("test:index:Pending", name, { out: undefined });
  }
}

function unknownOutput<T>(): pulumi.Output<T> {
  return new Pending(uniqueName("pending")).out as pulumi.Output<T>;
}

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

describe.each(classCases.filter((c) => c.expected !== undefined))("$className in a preview", (c) => {
  const unknownMetadata = () => ({
    namespace: unknownOutput<string>(),
    labels: unknownOutput<Record<string, string>>(),
    annotations: { "example.com/owner": unknownOutput<string>() },
  });
  /**
   * The class's arguments with every value an unknown Output, keeping each map's key names
   * literal, and each optional value: whether an Output of one is set is known when it resolves.
   */
  const unknownValues = () =>
    Object.fromEntries(
      Object.entries(c.args()).map(([field, value]) => [
        field,
        OPTIONAL.has(field)
          ? value
          : typeof value === "string"
            ? unknownOutput<string>()
            : Array.isArray(value)
              ? value.map((item) => ({ ...item, password: unknownOutput<string>() }))
              : Object.fromEntries(Object.keys(value as object).map((key) => [key, unknownOutput<string>()])),
      ]),
    );
  const expectedKeys = () => Object.keys(c.expected!()).sort();

  it("shows the key names given literally although namespace, labels and annotations are unknown", async () => {
    const s = new c.Class(uniqueName("pv-meta"), { ...c.args(), ...unknownMetadata() } as never);
    expect(await isKnown(s.keys)).toBe(true);
    expect(await valueOf(s.keys)).toEqual(expectedKeys());
    expect(await pulumi.isSecret(s.keys)).toBe(false);
  });

  it("shows the key names given literally although every required value is unknown too", async () => {
    const s = new c.Class(uniqueName("pv-values"), { ...unknownValues(), ...unknownMetadata() } as never);
    expect(await isKnown(s.keys)).toBe(true);
    expect(await valueOf(s.keys)).toEqual(expectedKeys());
    expect(await isKnown(s.data)).toBe(false);
  });
});

describe("key names a preview cannot know", () => {
  it("are unknown when a whole map is an unknown Output", async () => {
    const s = new kubesecret.Secret(uniqueName("pv-map"), { stringData: unknownOutput(), data: { b: "YQ==" } });
    expect(await isKnown(s.keys)).toBe(false);
  });

  it.each([
    [
      "SshAuthSecret",
      () => new kubesecret.SshAuthSecret(uniqueName("pv-opt"), { privateKey: "k", knownHosts: unknownOutput() }),
    ],
    [
      "TlsSecret",
      () =>
        new kubesecret.TlsSecret(uniqueName("pv-opt"), {
          cert: unknownOutput(),
          key: unknownOutput(),
          caCert: unknownOutput(),
        }),
    ],
  ])("are unknown when an optional value of a %s is an unknown Output (it may be unset)", async (_class, make) => {
    expect(await isKnown(make().keys)).toBe(false);
  });

  it("are unknown for a ServiceAccountTokenSecret being created: the cluster fills in its data", async () => {
    const s = new kubesecret.ServiceAccountTokenSecret(uniqueName("pv-sa"), { serviceAccountName: "builder" });
    expect(await isKnown(s.keys)).toBe(false);
  });

  it("are unknown for a Secret of type service-account-token being created", async () => {
    const s = new kubesecret.Secret(uniqueName("pv-sa"), {
      type: "kubernetes.io/service-account-token",
      annotations: { "kubernetes.io/service-account.name": "builder" },
    });
    expect(await isKnown(s.keys)).toBe(false);
  });
});
