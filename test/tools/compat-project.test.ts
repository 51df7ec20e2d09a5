import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importClosure, importedPackages, relativeSpecifiers, withPackageScopes } from "../../tools/compat/closure.ts";
import { projectDependencies, projectFiles } from "../../tools/compat/project.ts";
import { scratchBase } from "../../tools/compat/run.ts";
import type { Manifest } from "../../tools/compat/registry.ts";
import { EXCLUDED, isSuiteTest } from "../../tools/compat/suite.ts";
import { REPO_ROOT } from "../../tools/repo.ts";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-compat-test-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A throwaway tree of files, given as path → content. */
function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(scratch, "t-"));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

const SOURCE = [
  'import { describe } from "vitest";',
  'import fc from "fast-check";',
  'import * as kubesecret from "../../src";',
  'import { parse } from "../../src/sources/envFile";',
  'import type { Problem } from "./problem";',
  'export * from "../../tools/tls.ts";',
  'import "./setup";',
  'const lazy = await import("../lazy.mts");',
  'import { ComponentProvider } from "@pulumi/pulumi/provider/experimental/provider";',
  'import fs from "node:fs";',
  'import path from "path";',
  // The word in code and strings, not an import:
  'expect(problems).toEqual([{ field: "opts.import" }]); const what = "import", $import = 1;',
  'const o = { import: "default/x" };',
].join("\n");

describe("relativeSpecifiers and importedPackages", () => {
  it("find static, type-only, side-effect and dynamic imports and re-exports", () => {
    expect(relativeSpecifiers(SOURCE).sort()).toEqual(
      ["../../src", "../../src/sources/envFile", "../../tools/tls.ts", "../lazy.mts", "./problem", "./setup"].sort(),
    );
  });

  it("name each package once, without subpaths and without Node.js built-ins", () => {
    expect(importedPackages(SOURCE)).toEqual(["@pulumi/pulumi", "fast-check", "vitest"]);
  });
});

describe("importClosure", () => {
  it("follows relative imports transitively and leaves the library's sources out", () => {
    const root = tree({
      "test/unit/a.test.ts": 'import "./helper";\nimport * as k from "../../src";',
      "test/unit/helper.ts": 'import { x } from "../../tools/tls.ts";\nimport { y } from "../../src/encoding";',
      "tools/tls.ts": 'import { z } from "./log.ts";',
      "tools/log.ts": "export const z = 1;",
      "tools/unused.ts": "export {};",
      "src/index.ts": "export {};",
    });
    expect(importClosure(root, ["test/unit/a.test.ts"], "src")).toEqual([
      "test/unit/a.test.ts",
      "test/unit/helper.ts",
      "tools/log.ts",
      "tools/tls.ts",
    ]);
  });

  it("resolves a directory import to its index.ts", () => {
    const root = tree({ "a.ts": 'import "./lib";', "lib/index.ts": "export {};" });
    expect(importClosure(root, ["a.ts"], "src")).toEqual(["a.ts", "lib/index.ts"]);
  });

  it("fails when an import names no file", () => {
    const root = tree({ "test/unit/a.test.ts": 'import "./missing";' });
    expect(() => importClosure(root, ["test/unit/a.test.ts"], "src")).toThrow(
      /imports \.\/missing, which names no file/,
    );
  });

  it("fails when an import leaves the tree", () => {
    const root = tree({ "a.ts": 'import "../outside";' });
    fs.writeFileSync(path.join(path.dirname(root), "outside.ts"), "export {};");
    expect(() => importClosure(root, ["a.ts"], "src")).toThrow(/outside/);
  });
});

describe("withPackageScopes", () => {
  it("adds the package.json files that set the module type of the files, not the root's", () => {
    const root = tree({
      "package.json": "{}",
      "tools/package.json": '{"type": "module"}',
      "tools/tls.ts": "",
      "tools/compat/vitest.config.ts": "",
      "test/unit/a.test.ts": "",
    });
    expect(withPackageScopes(root, ["test/unit/a.test.ts", "tools/compat/vitest.config.ts", "tools/tls.ts"])).toEqual([
      "test/unit/a.test.ts",
      "tools/compat/vitest.config.ts",
      "tools/package.json",
      "tools/tls.ts",
    ]);
  });
});

describe("projectDependencies", () => {
  const manifest: Manifest = {
    peerDependencies: {},
    devDependencies: { vitest: "5.1.1", "fast-check": "4.10.2", "@pulumi/pulumi": "3.276.0" },
    engines: { node: ">=22" },
  };
  const sdks = { pulumi: "3.208.0", kubernetes: "4.8.1" };

  it("takes the SDKs from the combination, the library from the tarball, the rest from the repo's pins", () => {
    const root = tree({ "a.test.ts": SOURCE });
    expect(projectDependencies(root, ["a.test.ts"], manifest, sdks, "/tmp/k.tgz")).toEqual({
      "@pulumi/pulumi": "3.208.0",
      "@pulumi/kubernetes": "4.8.1",
      kubesecret: "file:/tmp/k.tgz",
      vitest: "5.1.1",
      "fast-check": "4.10.2",
    });
  });

  it("fails when a copied file imports a package the repo does not pin", () => {
    const root = tree({ "a.test.ts": 'import yaml from "js-yaml";' });
    expect(() => projectDependencies(root, ["a.test.ts"], manifest, sdks, "/tmp/k.tgz")).toThrow(
      /a\.test\.ts imports js-yaml, which package.json does not pin/,
    );
  });
});

describe("the compat suite of this repository", () => {
  it("copies the unit suite, what it imports, and no source of the library", () => {
    const files = projectFiles(REPO_ROOT);
    expect(files).toContain("test/unit/setup.ts");
    expect(files).toContain("tools/compat/vitest.config.ts");
    expect(files).toContain("vitest.config.mts");
    expect(files.filter((f) => f.startsWith("src/"))).toEqual([]);
    expect(files.filter(isSuiteTest).length).toBeGreaterThan(0);
  });

  it("excludes only test files that exist, each with a reason", () => {
    for (const [file, reason] of Object.entries(EXCLUDED)) {
      expect(fs.existsSync(path.join(REPO_ROOT, file)), file).toBe(true);
      expect(reason.length, file).toBeGreaterThan(40);
      expect(isSuiteTest(file)).toBe(false);
    }
  });
});

describe("scratchBase", () => {
  it("puts the scratch directory where KUBESECRET_COMPAT_TMPDIR says", () => {
    expect(scratchBase({ KUBESECRET_COMPAT_TMPDIR: "/var/tmp/ci" })).toBe("/var/tmp/ci");
  });

  it("otherwise picks a writable directory", () => {
    const base = scratchBase({});
    expect(["/dev/shm", os.tmpdir()]).toContain(base);
    fs.accessSync(base, fs.constants.W_OK);
  });
});
