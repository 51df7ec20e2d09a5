import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeCombination, expandMatrix, projectKey } from "../../tools/compat/matrix.ts";
import {
  type CombinationResult,
  type TestCounts,
  judgeRun,
  parseVitestJson,
  renderResults,
  summaryLine,
  textTable,
} from "../../tools/compat/report.ts";
import { compareVersions, extremes, lowestMajor, parseVersionList } from "../../tools/compat/versions.ts";

const triple = fc.tuple(fc.nat(400), fc.nat(400), fc.nat(400));
const version = triple.map(([a, b, c]) => `${a}.${b}.${c}`);

describe("compareVersions", () => {
  it("orders release versions by major, then minor, then patch, as numbers", () => {
    fc.assert(
      fc.property(triple, triple, (a, b) => {
        const expected = Math.sign(a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
        expect(Math.sign(compareVersions(a.join("."), b.join(".")))).toBe(expected);
      }),
    );
    expect(compareVersions("3.99.0", "3.202.0")).toBeLessThan(0);
  });

  it("fails when given something that is not a release version", () => {
    expect(() => compareVersions("3.202.0-alpha.1", "3.202.0")).toThrow(/not a release version/);
  });
});

describe("parseVersionList", () => {
  it("reads npm view's single version, its list, and its silence when nothing matches", () => {
    expect(parseVersionList('"4.8.1"\n')).toEqual(["4.8.1"]);
    expect(parseVersionList('["3.202.0", "3.99.0", "3.276.0"]')).toEqual(["3.99.0", "3.202.0", "3.276.0"]);
    expect(parseVersionList("")).toEqual([]);
  });

  it("leaves prereleases and builds out and sorts the rest oldest first", () => {
    fc.assert(
      fc.property(fc.array(version), fc.array(version.map((v) => `${v}-rc.1`)), (releases, pre) => {
        const listed = parseVersionList(JSON.stringify([...pre, ...releases]));
        expect(listed).toHaveLength(releases.length);
        for (let i = 1; i < listed.length; i++)
          expect(compareVersions(listed[i - 1]!, listed[i]!)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("fails when npm view prints something other than versions", () => {
    expect(() => parseVersionList('{"error": "E404"}')).toThrow(/neither a version nor a list/);
    expect(() => parseVersionList("[1, 2]")).toThrow(/neither a version nor a list/);
  });
});

describe("extremes", () => {
  it("gives the oldest and the newest release", () => {
    fc.assert(
      fc.property(fc.array(version, { minLength: 1 }), (versions) => {
        const { oldest, newest } = extremes(versions, "pkg");
        for (const v of versions) {
          expect(compareVersions(oldest, v)).toBeLessThanOrEqual(0);
          expect(compareVersions(newest, v)).toBeGreaterThanOrEqual(0);
        }
        expect(versions).toContain(oldest);
        expect(versions).toContain(newest);
      }),
    );
  });

  it("fails when the registry publishes no release in the range", () => {
    expect(() => extremes(["4.8.0-alpha"], "@pulumi/kubernetes@^4.8.0")).toThrow(/no release of @pulumi\/kubernetes/);
  });
});

describe("lowestMajor", () => {
  it.each([
    [">=22", 22],
    [">=22.12.0", 22],
    ["^22.12.0 || >=24", 22],
    [">=24 || ^22.12.0", 22],
    ["22.x", 22],
    [">=22 <26", 22],
  ])("reads %s as %i", (range, major) => {
    expect(lowestMajor(range)).toBe(major);
  });

  it.each([">22", "<24", "*", ""])("fails when the range is %j", (range) => {
    expect(() => lowestMajor(range)).toThrow(/cannot read a lowest Node.js major/);
  });
});

describe("expandMatrix", () => {
  const axis = fc.array(version, { minLength: 1, maxLength: 4 });

  it("gives every combination of the distinct versions exactly once", () => {
    fc.assert(
      fc.property(axis, axis, axis, (pulumi, kubernetes, node) => {
        const combinations = expandMatrix({ pulumi, kubernetes, node });
        const size = (values: string[]) => new Set(values).size;
        expect(combinations).toHaveLength(size(pulumi) * size(kubernetes) * size(node));
        expect(new Set(combinations.map(describeCombination)).size).toBe(combinations.length);
        for (const c of combinations) {
          expect(pulumi).toContain(c.pulumi);
          expect(kubernetes).toContain(c.kubernetes);
          expect(node).toContain(c.node);
        }
      }),
    );
  });

  it("puts the combinations that share an installed project next to each other", () => {
    fc.assert(
      fc.property(axis, axis, axis, (pulumi, kubernetes, node) => {
        const keys = expandMatrix({ pulumi, kubernetes, node }).map(projectKey);
        const runs = keys.filter((key, i) => i === 0 || keys[i - 1] !== key);
        expect(new Set(runs).size).toBe(runs.length);
      }),
    );
  });

  it("counts an axis once when its oldest and newest are the same version", () => {
    const combinations = expandMatrix({
      pulumi: ["3.208.0", "3.208.0"],
      kubernetes: ["4.8.1", "4.34.2"],
      node: ["24.21.0"],
    });
    expect(combinations.map((c) => c.kubernetes)).toEqual(["4.8.1", "4.34.2"]);
  });
});

const ROOT = "/tmp/kubesecret-compat-x/pulumi-3.208.0+kubernetes-4.8.1";

function report(overrides: Record<string, unknown> = {}, files = ["test/unit/a.test.ts", "test/unit/b.test.ts"]) {
  return JSON.stringify({
    numTotalTests: 5,
    numPassedTests: 5,
    numFailedTests: 0,
    numPendingTests: 0,
    numTodoTests: 0,
    testResults: files.map((f) => ({ name: `${ROOT}/${f}`, status: "passed", assertionResults: [] })),
    ...overrides,
  });
}

const counts = (overrides: Partial<TestCounts> = {}): TestCounts => ({
  passed: 5,
  failed: 0,
  skipped: 0,
  total: 5,
  files: ["test/unit/a.test.ts", "test/unit/b.test.ts"],
  failedFiles: [],
  ...overrides,
});
const EXPECTED = ["test/unit/a.test.ts", "test/unit/b.test.ts"];

describe("parseVitestJson", () => {
  it("reads the counts and the test files, relative to the project", () => {
    expect(parseVitestJson(report({ numPendingTests: 1, numTodoTests: 2 }), ROOT)).toEqual(counts({ skipped: 3 }));
  });

  it("lists the files that failed as a whole", () => {
    const text = report({
      testResults: [{ name: `${ROOT}/test/unit/a.test.ts`, status: "failed", message: "Cannot find module" }],
    });
    expect(parseVitestJson(text, ROOT).failedFiles).toEqual(["test/unit/a.test.ts"]);
  });

  it("fails when the file is not a vitest JSON report", () => {
    expect(() => parseVitestJson('{"numTotalTests": "5"}', ROOT)).toThrow(/not a vitest JSON report/);
  });
});

describe("judgeRun", () => {
  it("passes a run in which every expected file ran and every test passed", () => {
    expect(judgeRun(0, counts(), EXPECTED)).toBeUndefined();
  });

  it.each<[string, number | null, Partial<TestCounts>, RegExp]>([
    ["a test failed", 1, { passed: 4, failed: 1 }, /1 failed tests/],
    ["a test was skipped", 0, { passed: 4, skipped: 1 }, /1 skipped or todo/],
    ["a file failed to load", 1, { failedFiles: ["test/unit/a.test.ts"] }, /test files failed: test\/unit\/a.test.ts/],
    ["no test ran", 0, { passed: 0, total: 0 }, /0 of 0 tests passed/],
    ["an expected file did not run", 0, { files: ["test/unit/a.test.ts"] }, /not run: test\/unit\/b.test.ts/],
    [
      "a file ran that the suite does not list",
      0,
      { files: [...EXPECTED, "test/unit/c.test.ts"] },
      /does not list: .*c.test.ts/,
    ],
    ["vitest exited non-zero", 1, {}, /exited with 1/],
    ["vitest was killed", null, {}, /exited with a signal/],
  ])("fails when %s", (_what, exitCode, overrides, reason) => {
    expect(judgeRun(exitCode, counts(overrides), EXPECTED)).toMatch(reason);
  });
});

describe("textTable", () => {
  it("starts every column at the same offset on every line", () => {
    const cell = fc.string({ maxLength: 12 }).filter((s) => !/[\n ]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 6 }), (rows) => {
        const lines = textTable(["one", "two", "three"], rows).split("\n");
        expect(lines).toHaveLength(rows.length + 2);
        const starts = ["one", "two", "three"].map((h) => lines[0]!.indexOf(h));
        rows.forEach((row, i) =>
          row.forEach((c, j) => expect(lines[i + 2]!.slice(starts[j], starts[j]! + c.length)).toBe(c)),
        );
      }),
    );
  });
});

describe("renderResults and summaryLine", () => {
  const result = (passed: boolean, node: string): CombinationResult => ({
    combination: { pulumi: "3.208.0", kubernetes: "4.8.1", node },
    passed,
    counts: counts(passed ? {} : { passed: 4, failed: 1 }),
    durationMs: 12_345,
    ...(passed ? {} : { reason: "1 failed tests" }),
  });

  it("shows each combination's versions, result, test counts and time", () => {
    const table = renderResults([result(true, "24.21.0"), result(false, "22.23.3")]);
    expect(table).toMatch(/3\.208\.0\s+4\.8\.1\s+24\.21\.0\s+passed\s+5\/5\s+2\s+12\.3s/);
    expect(table).toMatch(/22\.23\.3\s+FAILED\s+4\/5\s+2\s+12\.3s\s+1 failed tests/);
  });

  it("ends with the combinations passed and failed", () => {
    expect(summaryLine([result(true, "24.21.0"), result(false, "22.23.3")])).toBe("1 passed, 1 failed");
  });

  it("counts a combination that never ran as failed", () => {
    expect(summaryLine([result(true, "24.21.0")], 8)).toBe("1 passed, 7 failed");
  });
});
