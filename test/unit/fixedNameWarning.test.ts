/**
 * The preview warning for a fixed name under the default provider: a value change would delete
 * and re-create the Secret and everything that takes its name. It names the component and no
 * value, and stays away where it would not be true or cannot be known.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type MockInstance, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as kubesecret from "../../src";
import { CANARY, classCases } from "./fixtures";
import { mockResource } from "./mocks";
import { uniqueName, valueOf } from "./outputValues";

const WARNING = /has a fixed name: a change of value deletes the Secret/;

let warn: MockInstance<typeof pulumi.log.warn>;
let savedConfig: Record<string, string>;
const savedEnv = process.env["PULUMI_K8S_ENABLE_SECRET_MUTABLE"];

function mocks(preview: boolean) {
  pulumi.runtime.setMocks({ newResource: mockResource, call: () => ({}) }, "kubesecret-test", "unit", preview);
}

beforeEach(() => {
  mocks(true);
  savedConfig = pulumi.runtime.allConfig();
  delete process.env["PULUMI_K8S_ENABLE_SECRET_MUTABLE"];
  warn = vi.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
});

afterEach(() => {
  warn.mockRestore();
  pulumi.runtime.setAllConfig(savedConfig);
  if (savedEnv === undefined) delete process.env["PULUMI_K8S_ENABLE_SECRET_MUTABLE"];
  else process.env["PULUMI_K8S_ENABLE_SECRET_MUTABLE"] = savedEnv;
  mocks(false);
});

/** The fixed-name warnings logged so far, with the resource each was logged against. */
const fixedNameWarnings = () => warn.mock.calls.filter(([message]) => WARNING.test(message));

describe.each(classCases)("$className with a fixed name, in a preview", (c) => {
  it("warns once under the default provider, naming the component, the remedies and no value", async () => {
    const name = uniqueName("fixed");
    const secret = new c.Class(name, { ...c.args(), name: "fixed-name" } as never);
    await valueOf(secret.urn);
    const warnings = fixedNameWarnings();
    expect(warnings).toHaveLength(1);
    const [message, resource] = warnings[0]!;
    expect(message).toContain(`kubesecret:index:${c.className} "${name}"`);
    expect(message).toContain("generateName");
    expect(message).toContain('kubernetes:enableSecretMutable: "true"');
    expect(message).not.toContain(CANARY);
    expect(resource).toBe(secret);
  });
});

describe("the fixed-name warning", () => {
  const fixed = (opts?: pulumi.ComponentResourceOptions) =>
    new kubesecret.Secret(uniqueName("fixed"), { name: "fixed-name", stringData: { a: CANARY } }, opts);

  it("is absent when stack config sets kubernetes:enableSecretMutable to true", async () => {
    pulumi.runtime.setConfig("kubernetes:enableSecretMutable", "true");
    await valueOf(fixed().urn);
    expect(fixedNameWarnings()).toEqual([]);
  });

  it("is given when stack config sets kubernetes:enableSecretMutable to false", async () => {
    pulumi.runtime.setConfig("kubernetes:enableSecretMutable", "false");
    await valueOf(fixed().urn);
    expect(fixedNameWarnings()).toHaveLength(1);
  });

  it("is absent when PULUMI_K8S_ENABLE_SECRET_MUTABLE is true (what the default provider reads without config)", async () => {
    process.env["PULUMI_K8S_ENABLE_SECRET_MUTABLE"] = "true";
    await valueOf(fixed().urn);
    expect(fixedNameWarnings()).toEqual([]);
  });

  it.each([
    ["provider", (p: k8s.Provider) => ({ provider: p })],
    ["providers", (p: k8s.Provider) => ({ providers: [p] })],
    [
      "a parent's providers",
      (p: k8s.Provider) => ({
        parent: new pulumi.ComponentResource("test:index:App", uniqueName("app"), {}, { providers: [p] }),
      }),
    ],
  ])("is absent with an explicit provider (%s): its settings cannot be seen", async (_, opts) => {
    const provider = new k8s.Provider(uniqueName("explicit"), {});
    await valueOf(fixed(opts(provider)).urn);
    expect(fixedNameWarnings()).toEqual([]);
  });

  it("is absent for a generated name", async () => {
    const generated = new kubesecret.Secret(uniqueName("gen"), { generateName: "gen-", stringData: { a: "1" } });
    const auto = new kubesecret.Secret(uniqueName("auto"), { stringData: { a: "1" } });
    await Promise.all([valueOf(generated.urn), valueOf(auto.urn)]);
    expect(fixedNameWarnings()).toEqual([]);
  });

  it("is absent outside a preview (the update shows the preview's)", async () => {
    mocks(false);
    await valueOf(fixed().urn);
    expect(fixedNameWarnings()).toEqual([]);
  });
});
