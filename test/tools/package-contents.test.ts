/**
 * What `npm pack` ships: exactly what a user needs — the built library (bin/: JavaScript,
 * declarations, source maps), its TypeScript sources and tsconfig.json (Pulumi's schema analyzer
 * reads them when the package serves other languages, PulumiPlugin.yaml), the manifest, README and
 * LICENSE — and nothing else: no tests, tools, benchmarks, examples, docs or design notes.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packLibrary } from "../../tools/pack.ts";
import { REPO_ROOT } from "../../tools/repo.ts";

const ALWAYS = ["LICENSE", "PulumiPlugin.yaml", "README.md", "package.json", "tsconfig.json"];

/** What the tarball must hold, given the library's sources (paths under src/, `.ts`). */
function expectedFiles(sources: readonly string[]): string[] {
  const built = sources.flatMap((s) => {
    const base = `bin/${s.slice("src/".length, -".ts".length)}`;
    return [`${base}.js`, `${base}.d.ts`, `${base}.js.map`];
  });
  return [...ALWAYS, ...sources, ...built].sort();
}

/** Files the tarball holds but should not, and files it should hold but lacks. */
function packDifferences(packed: readonly string[], sources: readonly string[]) {
  const expected = new Set(expectedFiles(sources));
  const actual = new Set(packed);
  return {
    unexpected: packed.filter((f) => !expected.has(f)).sort(),
    missing: [...expected].filter((f) => !actual.has(f)).sort(),
  };
}

/** The library's sources as the repository tracks them (tests never live under src/). */
const trackedSources = () =>
  execFileSync("git", ["-C", REPO_ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "src"], {
    encoding: "utf8",
  })
    .split("\n")
    .filter((f) => f.endsWith(".ts") && fs.existsSync(path.join(REPO_ROOT, f)));

describe("packDifferences", () => {
  const sources = ["src/index.ts", "src/a/b.ts"];

  it("accepts the manifest, README, LICENSE, plugin file, tsconfig.json, sources and their build", () => {
    expect(packDifferences(expectedFiles(sources), sources)).toEqual({ unexpected: [], missing: [] });
    expect(expectedFiles(sources)).toContain("bin/a/b.d.ts");
  });

  it("fails when tests, tools, docs or design notes are packed, or the LICENSE or a built file is missing", () => {
    const packed = [
      ...expectedFiles(sources).filter((f) => f !== "LICENSE" && f !== "bin/a/b.js"),
      "test/unit/a.test.ts",
      "tools/repo.ts",
      "design/write-only.md",
      "docs/api.md",
    ];
    expect(packDifferences(packed, sources)).toEqual({
      unexpected: ["design/write-only.md", "docs/api.md", "test/unit/a.test.ts", "tools/repo.ts"],
      missing: ["LICENSE", "bin/a/b.js"],
    });
  });
});

describe("the tarball npm pack makes of the working tree", () => {
  let scratch: string;
  let packed: string[];
  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-pack-test-"));
    // Packed from a copy, as the examples install it: `npm pack` runs `prepare` (the build) there.
    const { tarball } = packLibrary(REPO_ROOT, scratch, ".");
    packed = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
      .split("\n")
      .filter((line) => line !== "" && !line.endsWith("/"))
      .map((line) => line.replace(/^package\//, ""));
  }, 180_000);
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("holds exactly the built library, its sources, the manifest, README, LICENSE and plugin files", () => {
    const sources = trackedSources();
    expect(sources).toContain("src/index.ts");
    expect(packDifferences(packed, sources)).toEqual({ unexpected: [], missing: [] });
  });
});

describe("npm pack --dry-run at the repository root (what npm publish would upload)", () => {
  it("lists the same files apart from bin/, which it takes from the last local build", () => {
    const [report] = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO_ROOT, encoding: "utf8" }),
    ) as [{ files: { path: string }[] }];
    const notBuilt = (f: string) => !f.startsWith("bin/");
    const sources = trackedSources();
    const listed = report.files.map((f) => f.path).filter(notBuilt);
    expect(packDifferences(listed, sources)).toEqual({
      unexpected: [],
      missing: expectedFiles(sources).filter((f) => !notBuilt(f)),
    });
  }, 60_000);
});
