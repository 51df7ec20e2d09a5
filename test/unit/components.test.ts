import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import * as kubesecret from "../../src";
import { findLeaks } from "../../tools/leaks.ts";
import { CANARY, classCases } from "./fixtures";
import { isWireSecret, registrations, resetRegistrations, unwrapWire } from "./mocks";
import { expectUnhandledRejections } from "../support/unhandledRejections";
import { isSecret, uniqueName, valueOf } from "./outputValues";

beforeEach(resetRegistrations);

function childOf(componentName: string) {
  const component = registrations.find((r) => !r.custom && r.name === componentName);
  const child = registrations.find((r) => r.type === "kubernetes:core/v1:Secret");
  return { component: component!, child: child! };
}

describe.each(classCases)("$className", (c) => {
  async function create(extra: Record<string, unknown> = {}) {
    const name = uniqueName(c.className.toLowerCase());
    const resource = new c.Class(name, { ...c.args(), ...extra } as never);
    await valueOf(resource.uid);
    return { name, resource, ...childOf(name) };
  }

  it("registers the component under its type token with one child Secret parented to it", async () => {
    const { name, component, child } = await create();
    expect(component.type).toBe(`kubesecret:index:${c.className}`);
    expect(registrations.filter((r) => r.type === "kubernetes:core/v1:Secret")).toHaveLength(1);
    expect(child.name).toBe(name);
  });

  it("sends the type and the exact base64 of every value, as a secret, and no stringData", async () => {
    const { child } = await create();
    expect(child.inputs["type"]).toBe(c.type);
    expect(child.inputs).not.toHaveProperty("stringData");
    if (c.expected === undefined) {
      expect(unwrapWire(child.inputs["data"]) ?? {}).toEqual({});
      return;
    }
    expect(isWireSecret(child.inputs["data"])).toBe(true);
    const expected = Object.fromEntries(
      Object.entries(c.expected()).map(([k, v]) => [k, Buffer.from(v, "utf8").toString("base64")]),
    );
    expect(unwrapWire(child.inputs["data"])).toEqual(expected);
  });

  it("stores no arguments of its own: the child holds them, every value as a secret", async () => {
    const { component, child } = await create({ namespace: "apps", labels: { team: "platform" } });
    expect(component.inputs).toEqual({});
    if (c.expected !== undefined) expect(isWireSecret(child.inputs["data"])).toBe(true);
    expect((child.inputs["metadata"] as Record<string, unknown>)["namespace"]).toBe("apps");
  });

  it("shows no value outside a secret: in no registration and no plain output", async () => {
    const { resource } = await create({ labels: { team: "platform" }, trackRevision: true });
    // The data carries the canary (the cluster's token does, for the token class): the scan below looks for something real.
    const data = await valueOf(resource.data);
    expect(Object.values(data).map((v) => Buffer.from(v, "base64").toString("utf8"))).toContainEqual(
      expect.stringContaining(CANARY),
    );
    const outputs = Object.entries(resource).filter(([, v]) => pulumi.Output.isInstance(v));
    expect(outputs.length).toBeGreaterThan(8);
    const plain: unknown[] = [];
    for (const [field, output] of outputs) {
      if (!(await isSecret(output as pulumi.Output<unknown>)))
        plain.push(field, await valueOf(output as pulumi.Output<unknown>));
    }
    const registered = registrations.map((r) => r.inputs);
    const text = JSON.stringify([registered, plain], (_key, value: unknown) =>
      isWireSecret(value) ? "[secret]" : value,
    );
    expect(findLeaks(text, [CANARY])).toEqual([]);
  });

  it("exposes the live object's identity and keeps data secret but keys plain", async () => {
    const { resource } = await create({ namespace: "apps" });
    expect(await valueOf(resource.uid)).toMatch(/^uid-\d+$/);
    expect(await valueOf(resource.resourceVersion)).toMatch(/^\d+$/);
    expect(await valueOf(resource.namespace)).toBe("apps");
    expect(await valueOf(resource.type)).toBe(c.type);
    expect(await valueOf(resource.creationTimestamp)).toBe("2026-11-27T00:00:00Z");
    expect(await isSecret(resource.data)).toBe(true);
    expect(await isSecret(resource.keys)).toBe(false);
    const keys = await valueOf(resource.keys);
    expect(keys).toEqual([...keys].sort());
    if (c.expected !== undefined) expect(keys).toEqual(Object.keys(c.expected()).sort());
    else expect(keys).toEqual(["ca.crt", "namespace", "token"]);
    expect(resource.secret).toBeDefined();
  });

  it("passes name, labels, annotations and immutable to the child and nothing read-only", async () => {
    const explicit = uniqueName("explicit");
    const { child, resource } = await create({
      name: explicit,
      labels: { "app.kubernetes.io/name": "web" },
      annotations: { "example.com/owner": "platform" },
      immutable: true,
    });
    const metadata = child.inputs["metadata"] as Record<string, unknown>;
    expect(metadata["name"]).toBe(explicit);
    expect(metadata["labels"]).toEqual({ "app.kubernetes.io/name": "web" });
    expect((metadata["annotations"] as Record<string, string>)["example.com/owner"]).toBe("platform");
    for (const readOnly of ["uid", "resourceVersion", "generation", "creationTimestamp", "selfLink", "generateName"]) {
      expect(metadata).not.toHaveProperty(readOnly);
    }
    expect(child.inputs["immutable"]).toBe(true);
    expect(await valueOf(resource.name)).toBe(explicit);
    expect(JSON.stringify(metadata)).not.toContain(CANARY);
  });

  it("leaves naming to the provider when neither name nor generateName is set", async () => {
    const { name, child, resource } = await create();
    expect(child.inputs["metadata"]).not.toHaveProperty("name");
    expect(await valueOf(resource.name)).toBe(`${name}-0a1b2c3d`);
  });

  it("honours generateName through the child's name, without sending generateName", async () => {
    const prefix = `${uniqueName("gen")}-`;
    const { child, resource } = await create({ generateName: prefix });
    expect(child.name).toBe(prefix.slice(0, -1));
    expect(child.inputs["metadata"]).not.toHaveProperty("name");
    expect(child.inputs["metadata"]).not.toHaveProperty("generateName");
    expect(await valueOf(resource.name)).toMatch(new RegExp(`^${prefix}[0-9a-f]{8}$`));
  });

  it("fails when name and generateName are both set, registering nothing", () => {
    expect(() => new c.Class(uniqueName("both"), { ...c.args(), name: "a", generateName: "b-" } as never)).toThrow(
      /args\.generateName: cannot be combined with args\.name/,
    );
    expect(registrations).toHaveLength(0);
  });

  it.each([
    ["name", { name: "Not_Valid" }, /args\.name: must be a DNS-1123 subdomain/],
    ["namespace", { namespace: "a.b" }, /args\.namespace: must be a DNS-1123 label/],
    ["generateName", { generateName: "-bad" }, /args\.generateName: must be a DNS-1123 subdomain prefix/],
    ["label key", { labels: { "bad key": "x" } }, /args\.labels \(key "bad key"\)/],
    ["label value", { labels: { ok: "-bad-" } }, /args\.labels \(key "ok"\): value must be empty or/],
    ["annotation key", { annotations: { "/x": "y" } }, /args\.annotations \(key "\/x"\): prefix/],
  ])("fails when the %s is invalid, registering nothing", (_what, extra, message) => {
    expect(() => new c.Class(uniqueName("bad"), { ...c.args(), ...extra } as never)).toThrow(message);
    expect(registrations).toHaveLength(0);
  });
});

describe.each(classCases.filter((c) => c.expected !== undefined))("$className with Outputs", (c) => {
  it.each([
    ["each value argument whole", (v: unknown) => pulumi.output(v)],
    ["each value inside them", (v: unknown) => deepOutputs(v)],
  ])("takes %s as an Output and sends the same data", async (_how, wrap) => {
    const args = Object.fromEntries(Object.entries(c.args()).map(([field, value]) => [field, wrap(value)]));
    const resource = new c.Class(uniqueName("outputs"), args as never);
    await valueOf(resource.uid);
    const sent = unwrapWire(registrations.find((r) => r.type === "kubernetes:core/v1:Secret")!.inputs["data"]);
    const expected = Object.entries(c.expected!()).map(([k, v]) => [k, Buffer.from(v).toString("base64")]);
    expect(sent).toEqual(Object.fromEntries(expected));
    expect(await valueOf(resource.keys)).toEqual(Object.keys(c.expected!()).sort());
  });
});

/** Every string inside `value` as an Output. */
function deepOutputs(value: unknown): unknown {
  if (typeof value === "string") return pulumi.output(value);
  if (Array.isArray(value)) return value.map(deepOutputs);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepOutputs(v)]));
  }
  return value;
}

describe("a value that is an Output", () => {
  it("is validated when it resolves, and the child never receives data", async () => {
    const { output } = await import("@pulumi/pulumi");
    const name = uniqueName("resolved");
    const rule = /args\.data \(key "key"\): must be canonical base64/;
    // The child's registration fails too, as an unhandled rejection: the test expects it.
    const rejections = await expectUnhandledRejections(
      // The rejection carries the error: with @pulumi/pulumi 3.208 the child's outputs never settle.
      async () => void new kubesecret.Secret(name, { data: { key: output(`${CANARY}!`) } }),
      new RegExp(`kubesecret:index:Secret "${name}" has invalid arguments[^]*${rule.source}`),
    );
    for (const message of rejections) expect(message).not.toContain(CANARY);
    expect(registrations.filter((r) => r.type === "kubernetes:core/v1:Secret")).toEqual([]);
  });

  it("stays secret from a secret config value through to the child", async () => {
    const pulumi = await import("@pulumi/pulumi");
    const resource = new kubesecret.BasicAuthSecret(uniqueName("cfg"), {
      username: "u",
      password: pulumi.secret(CANARY),
    });
    expect(await isSecret(resource.data)).toBe(true);
    expect(await valueOf(resource.keys)).toEqual(["password", "username"]);
    expect(await isSecret(resource.keys)).toBe(false);
  });
});
