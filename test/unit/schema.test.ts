import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { componentClasses, inferSchema } from "./schemaSource";

const root = join(__dirname, "..", "..");
const snapshotPath = join(root, "test", "schema", "kubesecret.schema.json");

interface Property {
  description?: string;
}
interface ResourceSpec {
  isComponent?: boolean;
  description?: string;
  inputProperties: Record<string, Property>;
  properties: Record<string, Property>;
}

describe("package schema", () => {
  let schema: Record<string, unknown> | undefined;
  const load = async () => (schema ??= await inferSchema(root));

  it("matches the reviewed snapshot (UPDATE_SCHEMA=1 npm test rewrites it)", async () => {
    const update = process.env["UPDATE_SCHEMA"];
    // CI checks the snapshot; it never rewrites it.
    const inCi = ["true", "1"].includes(process.env["CI"] ?? "");
    expect(inCi && update !== undefined, "UPDATE_SCHEMA is set in CI: the snapshot would not be checked").toBe(false);
    const text = `${JSON.stringify(await load(), null, 2)}\n`;
    if (update === "1") {
      writeFileSync(snapshotPath, text);
      // Compare the written file with a schema inferred afresh, not with the text just written.
      const fresh = `${JSON.stringify(await inferSchema(root), null, 2)}\n`;
      expect(readFileSync(snapshotPath, "utf8"), "the rewritten snapshot").toBe(fresh);
      return;
    }
    expect(text).toBe(readFileSync(snapshotPath, "utf8"));
  }, 120_000);

  it("has all seven components, each documented input and output included", async () => {
    const resources = (await load())["resources"] as Record<string, ResourceSpec>;
    expect(Object.keys(resources).sort()).toEqual(componentClasses.map((c) => `kubesecret:index:${c.name}`).sort());
    expect(Object.keys(resources)).toHaveLength(7);
    for (const [token, resource] of Object.entries(resources)) {
      expect(resource.isComponent, token).toBe(true);
      expect(resource.description, token).toBeTruthy();
      for (const [field, property] of [
        ...Object.entries(resource.inputProperties),
        ...Object.entries(resource.properties),
      ]) {
        expect(property.description, `${token}.${field}`).toBeTruthy();
      }
      expect(Object.keys(resource.properties).sort()).toEqual(
        [
          "creationTimestamp",
          "data",
          "keys",
          "name",
          "namespace",
          "resourceVersion",
          "revision",
          "secret",
          "type",
          "uid",
        ].sort(),
      );
    }
  }, 60_000);
});
