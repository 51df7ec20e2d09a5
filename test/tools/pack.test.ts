import { describe, expect, it } from "vitest";
import { isPackInput, specKind } from "../../tools/pack.ts";

describe("package specs", () => {
  it.each([
    [".", "working-tree"],
    ["working-tree", "working-tree"],
    ["../kubesecret-0.1.0.tgz", "tarball"],
    ["HEAD~3", "git"],
    ["9d9a8af", "git"],
  ])("reads %s as %s", (spec, kind) => {
    expect(specKind(spec)).toBe(kind);
  });

  it("packs what package.json `files` lists plus the manifest, README, licence and TypeScript configs", () => {
    const files = ["bin/", "src/", "PulumiPlugin.yaml"];
    for (const f of [
      "src/index.ts",
      "src/a/b.ts",
      "PulumiPlugin.yaml",
      "package.json",
      "README.md",
      "tsconfig.build.json",
    ]) {
      expect(isPackInput(f, files)).toBe(true);
    }
    for (const f of [
      "srcx/a.ts",
      "test/unit/a.test.ts",
      "bench/main.ts",
      "docs/benchmarks.md",
      "examples/x/package.json",
    ]) {
      expect(isPackInput(f, files)).toBe(false);
    }
  });
});
