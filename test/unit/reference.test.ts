import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import * as kubesecret from "../../src";
import { expectUnhandledRejections } from "../support/unhandledRejections";
import { classCases } from "./fixtures";
import { isSecret, uniqueName, valueOf } from "./outputValues";

type Named = { name: pulumi.Input<string> };

describe.each(classCases)("consumer functions over a $className", (c) => {
  async function create() {
    const resource = new c.Class(uniqueName("app"), { ...c.args(), generateName: `${uniqueName("gen")}-` } as never);
    return { resource, name: await valueOf(resource.name) };
  }

  it("envFrom references the real, generated name", async () => {
    const { resource, name } = await create();
    const envFrom = kubesecret.envFrom(resource, "APP_");
    expect(envFrom.prefix).toBe("APP_");
    expect(await valueOf((envFrom.secretRef as Named).name as pulumi.Output<string>)).toBe(name);
    expect(kubesecret.envFrom(resource)).not.toHaveProperty("prefix");
  });

  it("envVar selects one key by the real name", async () => {
    const { resource, name } = await create();
    const env = kubesecret.envVar(resource, "DB_PASSWORD", "password");
    expect(env.name).toBe("DB_PASSWORD");
    const ref = (env.valueFrom as { secretKeyRef: Named & { key: string } }).secretKeyRef;
    expect(ref.key).toBe("password");
    expect(await valueOf(ref.name as pulumi.Output<string>)).toBe(name);
  });

  it("volume mounts all keys or the listed items", async () => {
    const { resource, name } = await create();
    const all = kubesecret.volume(resource, "creds");
    const volumeSecret = all.secret as { secretName: pulumi.Output<string> };
    expect(all.name).toBe("creds");
    expect(await valueOf(volumeSecret.secretName)).toBe(name);
    expect(volumeSecret).not.toHaveProperty("items");
    const some = kubesecret.volume(resource, "creds", [{ key: "password", path: "db/password", mode: 0o400 }]);
    expect((some.secret as { items: unknown }).items).toEqual([{ key: "password", path: "db/password", mode: 0o400 }]);
  });

  it("imagePullSecret names the real Secret", async () => {
    const { resource, name } = await create();
    expect(await valueOf(kubesecret.imagePullSecret(resource).name as pulumi.Output<string>)).toBe(name);
  });

  it("fails when a key is not a valid data key", async () => {
    const { resource } = await create();
    expect(() => kubesecret.envVar(resource, "X", "a/b")).toThrow(/key: data keys may contain only/);
    expect(() => kubesecret.volume(resource, "v", [{ key: "..", path: "p" }])).toThrow(/items\[0\]\.key/);
  });
});

describe("fromSecretName", () => {
  it("refers to an existing Secret with the same functions", () => {
    const existing = kubesecret.fromSecretName("db-credentials");
    expect(kubesecret.envFrom(existing)).toEqual({ secretRef: { name: "db-credentials" } });
    expect(kubesecret.envVar(existing, "PW", "password")).toEqual({
      name: "PW",
      valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } },
    });
    expect(kubesecret.volume(existing, "v").secret).toEqual({ secretName: "db-credentials" });
  });
});

describe("rolloutAnnotations", () => {
  it("carries the revision of every Secret given, plain", async () => {
    const a = new kubesecret.Secret(uniqueName("rev"), { stringData: { a: "1" }, trackRevision: true });
    const b = new kubesecret.BasicAuthSecret(uniqueName("rev"), { username: "u", password: "p", trackRevision: true });
    const annotations = kubesecret.rolloutAnnotations(a, b);
    const [ra, rb] = [await valueOf(a.revision), await valueOf(b.revision)];
    expect(await valueOf(annotations)).toEqual({ "kubesecret/revision": `${ra}.${rb}` });
    expect(await isSecret(annotations)).toBe(false);
  });

  it("fails when a Secret has no revision", async () => {
    const name = uniqueName("norev");
    const message = `rolloutAnnotations: "${name}" has no revision; create it with trackRevision: true`;
    // The SDK reports the failed output as an unhandled rejection too: the test expects it.
    await expectUnhandledRejections(async () => {
      const plain = new kubesecret.Secret(name, { stringData: { a: "1" } });
      await expect(valueOf(kubesecret.rolloutAnnotations(plain))).rejects.toThrow(message);
    }, message);
    expect(() => kubesecret.rolloutAnnotations()).toThrow(/pass at least one Secret/);
  });
});

describe("the name a workload takes", () => {
  it("depends on the child Secret, whether fixed or generated", async () => {
    for (const placement of [{ name: "fixed-dep" }, { generateName: "gen-dep-" }]) {
      const s = new kubesecret.Secret(uniqueName("dep"), { ...placement, stringData: { a: "1" } });
      const resources = await (s.name as unknown as { resources(): Set<unknown> }).resources();
      expect(resources.has(s.secret), JSON.stringify(placement)).toBe(true);
    }
  });
});
