/**
 * Pulumi's schema analyzer reads only a class's own properties, so every class declares the
 * outputs again with their TSDoc (which becomes each language's documentation). Nothing in the
 * compiler keeps those copies alike; this test does, reading the classes the package exports.
 */
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { type ApiClass, collectApi, packageProgram } from "../../tools/api-reference/collect.ts";
import { REPO_ROOT } from "../../tools/repo.ts";
import * as kubesecret from "../../src";

/** One line per output: name, type and its whole TSDoc, as the analyzer would document it. */
const declarations = (c: ApiClass) => c.outputs.map((o) => `${o.name}: ${o.type} — ${JSON.stringify(o.doc)}`);

/** Where `other`'s output declarations differ from `reference`'s, one line per output. */
function outputDifferences(reference: ApiClass, other: ApiClass): string[] {
  const mine = new Map(other.outputs.map((o) => [o.name, o]));
  const theirs = new Map(reference.outputs.map((o) => [o.name, o]));
  const differences: string[] = [];
  for (const [name, output] of theirs) {
    const own = mine.get(name);
    if (own === undefined) differences.push(`${other.name}.${name}: missing (declared by ${reference.name})`);
    else if (JSON.stringify(own) !== JSON.stringify(output)) {
      differences.push(
        `${other.name}.${name} differs from ${reference.name}.${name}: ` +
          `${own.type} "${own.doc.summary}" vs ${output.type} "${output.doc.summary}"`,
      );
    }
  }
  for (const name of mine.keys()) {
    if (!theirs.has(name)) differences.push(`${other.name}.${name}: not declared by ${reference.name}`);
  }
  return differences;
}

describe("the output declarations of the seven classes", () => {
  let classes: ApiClass[];
  beforeAll(() => {
    const api = collectApi(packageProgram(REPO_ROOT), path.join(REPO_ROOT, "src", "index.ts"));
    classes = api.filter((i): i is ApiClass => i.kind === "class");
  }, 120_000);

  it("are found for every component class the package exports", () => {
    const components = Object.entries(kubesecret)
      .filter(([, value]) => typeof value === "function" && value.prototype instanceof pulumi.ComponentResource)
      .map(([name]) => name);
    expect(components).toHaveLength(7);
    expect(classes.map((c) => c.name).sort()).toEqual(components.sort());
    for (const c of classes) expect(c.outputs.length, c.name).toBeGreaterThan(0);
  });

  it("have the same names, types and TSDoc in every class, in the same order", () => {
    const reference = classes.find((c) => c.name === "Secret")!;
    expect(classes.flatMap((c) => outputDifferences(reference, c))).toEqual([]);
    for (const c of classes) expect(declarations(c), c.name).toEqual(declarations(reference));
  });
});

describe("outputDifferences", () => {
  const output = (name: string, summary: string) => ({
    name,
    optional: false,
    type: "pulumi.Output<string>",
    doc: { summary, see: [], examples: [] },
  });
  const cls = (name: string, outputs: ReturnType<typeof output>[]): ApiClass => ({
    kind: "class",
    name,
    doc: { summary: "", see: [], examples: [] },
    constructorText: "",
    args: [],
    argsBases: [],
    outputs,
    implementsTypes: [],
  });

  it("fails naming the class and the output whose description differs, and missing or extra outputs", () => {
    const reference = cls("Secret", [output("uid", "The UID."), output("name", "The name.")]);
    const other = cls("TlsSecret", [output("uid", "The UID!"), output("extra", "More.")]);
    expect(outputDifferences(reference, other)).toEqual([
      'TlsSecret.uid differs from Secret.uid: pulumi.Output<string> "The UID!" vs pulumi.Output<string> "The UID."',
      "TlsSecret.name: missing (declared by Secret)",
      "TlsSecret.extra: not declared by Secret",
    ]);
    expect(outputDifferences(reference, reference)).toEqual([]);
  });
});
