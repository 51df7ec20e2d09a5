/**
 * The package schema as the real CLI serves it to other languages: `pulumi package get-schema`
 * runs the repository as a source-based component package (PulumiPlugin.yaml, runtime nodejs,
 * bin/index.js through pulumi-language-nodejs) and must give what the reviewed snapshot
 * (test/schema/kubesecret.schema.json, made in process by test/unit/schema.test.ts) says.
 *
 * It runs `pulumi package get-schema ./` at the repository root, as a package author would. (The
 * root holds no Pulumi.yaml: the CLI refuses a directory with both that and PulumiPlugin.yaml.)
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureLibraryBuilt, runPulumi } from "./harness";
import { REPO_ROOT } from "../../tools/repo.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const SNAPSHOT = path.join(REPO_ROOT, "test", "schema", "kubesecret.schema.json");

/**
 * The snapshot as the CLI prints it. The provider's raw schema goes through the CLI's Go
 * `schema.PackageSpec` on its way out, which (1) drops the analyzer's `optional: true` markers,
 * not a schema field (optionality is what `requiredInputs` / `required` leave out), (2) omits an
 * empty `requiredInputs` and (3) adds an empty `config`. Nothing else may differ.
 */
function asServedByCli(snapshot: Json): Json {
  const copy = structuredClone(snapshot);
  const dropOptional = (properties: Record<string, Json> | undefined) => {
    for (const property of Object.values(properties ?? {})) delete property.optional;
  };
  for (const resource of Object.values<Json>(copy.resources)) {
    dropOptional(resource.inputProperties);
    dropOptional(resource.properties);
    if (Array.isArray(resource.requiredInputs) && resource.requiredInputs.length === 0) delete resource.requiredInputs;
    if (Array.isArray(resource.required) && resource.required.length === 0) delete resource.required;
  }
  for (const type of Object.values<Json>(copy.types ?? {})) {
    dropOptional(type.properties);
    if (Array.isArray(type.required) && type.required.length === 0) delete type.required;
  }
  copy.config ??= {};
  return copy;
}

/** Every property of every resource and type, as [where, spec]. */
function allProperties(schema: Json): [string, Json][] {
  const out: [string, Json][] = [];
  for (const [token, resource] of Object.entries<Json>(schema.resources)) {
    for (const [name, spec] of Object.entries(resource.inputProperties ?? {}))
      out.push([`${token} input ${name}`, spec]);
    for (const [name, spec] of Object.entries(resource.properties ?? {})) out.push([`${token} output ${name}`, spec]);
  }
  for (const [token, type] of Object.entries<Json>(schema.types ?? {})) {
    for (const [name, spec] of Object.entries(type.properties ?? {})) out.push([`${token} ${name}`, spec]);
  }
  return out;
}

describe("pulumi package get-schema (the real CLI and Node.js language host)", () => {
  let cliSchema: Json;
  let snapshot: Json;

  beforeAll(async () => {
    await ensureLibraryBuilt();
    cliSchema = JSON.parse(await runPulumi(["package", "get-schema", "./"], REPO_ROOT));
    snapshot = JSON.parse(fs.readFileSync(SNAPSHOT, "utf8"));
  });

  it("serves the reviewed snapshot (after the CLI's own normalisation)", () => {
    expect(cliSchema).toEqual(asServedByCli(snapshot));
    expect(Object.keys(cliSchema.resources).sort()).toEqual(
      [
        "BasicAuthSecret",
        "DockerConfigSecret",
        "Secret",
        "SecureOpaqueSecret",
        "ServiceAccountTokenSecret",
        "SshAuthSecret",
        "TlsSecret",
      ].map((name) => `kubesecret:index:${name}`),
    );
  });

  it("marks no property secret: the component, not the schema, makes values secret", () => {
    // Pulumi schemas can say `secret: true` per property, but the Node.js analyzer that infers
    // this schema never sets it. Generated SDKs therefore neither wrap inputs such as `password`
    // or `key` in a secret nor list `data` as a secret output; the component wraps every
    // value-carrying input in pulumi.secret itself and returns `data` as a secret Output
    // (multilang.test.ts checks that consumers' state and outputs hold ciphertext only).
    const secretFlags = allProperties(cliSchema).filter(([, spec]) => spec.secret !== undefined);
    expect(secretFlags).toEqual([]);
    const secret = cliSchema.resources["kubesecret:index:Secret"];
    expect(secret.inputProperties.stringData.type).toBe("object");
    expect(secret.properties.data.type).toBe("object");
  });

  it("takes generateName as a plain value (no Output) and refers to the Kubernetes provider's Secret", () => {
    for (const [token, resource] of Object.entries<Json>(cliSchema.resources)) {
      expect(resource.isComponent, token).toBe(true);
      expect(resource.inputProperties.generateName.plain, `${token} generateName`).toBe(true);
      expect(resource.properties.secret.$ref, `${token} secret`).toBe(
        "/kubernetes/v4.25.0/schema.json#/resources/kubernetes:core%2Fv1:Secret",
      );
    }
    expect(cliSchema.dependencies).toEqual([{ name: "kubernetes", version: "4.25.0" }]);
  });
});
