import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { classCases } from "./fixtures";
import { uniqueName, valueOf } from "./outputs";

type Named = { name: pulumi.Output<string> };

describe.each(classCases)("$className composition helpers", (c) => {
  async function create() {
    const resource = new c.Class(uniqueName("app"), { ...c.args(), generateName: `${uniqueName("gen")}-` } as never);
    return { resource, name: await valueOf(resource.name) };
  }

  it("envFrom references the real, generated name", async () => {
    const { resource, name } = await create();
    const envFrom = resource.envFrom("APP_");
    expect(envFrom.prefix).toBe("APP_");
    expect(await valueOf((envFrom.secretRef as Named).name)).toBe(name);
    expect(resource.envFrom()).not.toHaveProperty("prefix");
  });

  it("envVar selects one key by the real name", async () => {
    const { resource, name } = await create();
    const env = resource.envVar("DB_PASSWORD", "password");
    expect(env.name).toBe("DB_PASSWORD");
    const ref = (env.valueFrom as { secretKeyRef: Named & { key: string } }).secretKeyRef;
    expect(ref.key).toBe("password");
    expect(await valueOf(ref.name)).toBe(name);
  });

  it("volume mounts all keys or the listed items", async () => {
    const { resource, name } = await create();
    const all = resource.volume("creds");
    const volumeSecret = all.secret as { secretName: pulumi.Output<string> };
    expect(all.name).toBe("creds");
    expect(await valueOf(volumeSecret.secretName)).toBe(name);
    expect(volumeSecret).not.toHaveProperty("items");
    const some = resource.volume("creds", [{ key: "password", path: "db/password", mode: 0o400 }]);
    expect((some.secret as { items: unknown }).items).toEqual([{ key: "password", path: "db/password", mode: 0o400 }]);
  });

  it("fails when a key is not a valid data key", async () => {
    const { resource } = await create();
    expect(() => resource.envVar("X", "a/b")).toThrow(/key: data keys may contain only/);
    expect(() => resource.volume("v", [{ key: "..", path: "p" }])).toThrow(/items\[0\]\.key/);
  });
});
