/**
 * What one combination's test run amounted to, read from vitest's JSON report, and the table and
 * summary line the compatibility run ends with.
 */
import { secs } from "../log.ts";
import type { Combination } from "./matrix.ts";

/** Test counts of one run. A skipped or todo test counts against the run (the quality bar). */
export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  total: number;
  /** Test files vitest ran, relative to the project root. */
  files: string[];
  /** Those that failed as a whole (a failed test, or an error loading the file). */
  failedFiles: string[];
}

/** One combination's outcome. */
export interface CombinationResult {
  combination: Combination;
  passed: boolean;
  counts: TestCounts | undefined;
  durationMs: number;
  /** Why it failed, when it did: one line. */
  reason?: string;
}

/** The fields of vitest's `--reporter=json` output this module reads. */
interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  testResults: { name: string; status: string }[];
}

function isVitestJson(value: unknown): value is VitestJson {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const counts = ["numPassedTests", "numFailedTests", "numPendingTests", "numTodoTests", "numTotalTests"];
  return counts.every((key) => typeof v[key] === "number") && Array.isArray(v.testResults);
}

/** The counts in a vitest JSON report; test file names are made relative to `root`. */
export function parseVitestJson(text: string, root: string): TestCounts {
  const value: unknown = JSON.parse(text);
  if (!isVitestJson(value)) throw new Error("not a vitest JSON report");
  const prefix = root.endsWith("/") ? root : `${root}/`;
  const relative = (file: string) => (file.startsWith(prefix) ? file.slice(prefix.length) : file);
  return {
    passed: value.numPassedTests,
    failed: value.numFailedTests,
    skipped: value.numPendingTests + value.numTodoTests,
    total: value.numTotalTests,
    files: value.testResults.map((r) => relative(r.name)).sort(),
    failedFiles: value.testResults
      .filter((r) => r.status !== "passed")
      .map((r) => relative(r.name))
      .sort(),
  };
}

/**
 * Why a run with exit code `exitCode` and `counts` does not pass, or undefined when it does: a
 * failed or skipped test, a test file that failed to load, no tests at all, a test file expected
 * but not run (or run but not expected), or a non-zero exit.
 */
export function judgeRun(
  exitCode: number | null,
  counts: TestCounts,
  expectedFiles: readonly string[],
): string | undefined {
  if (counts.failed > 0) return `${counts.failed} failed tests`;
  if (counts.skipped > 0) return `${counts.skipped} skipped or todo tests`;
  if (counts.failedFiles.length > 0) return `test files failed: ${counts.failedFiles.join(", ")}`;
  if (counts.total === 0 || counts.passed !== counts.total) return `${counts.passed} of ${counts.total} tests passed`;
  const ran = new Set(counts.files);
  const missing = expectedFiles.filter((f) => !ran.has(f));
  if (missing.length > 0) return `test files not run: ${missing.join(", ")}`;
  const unexpected = counts.files.filter((f) => !expectedFiles.includes(f));
  if (unexpected.length > 0) return `test files run that the suite does not list: ${unexpected.join(", ")}`;
  if (exitCode !== 0) return `vitest exited with ${exitCode ?? "a signal"}`;
  return undefined;
}

/** A plain-text table, columns padded to their widest cell. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The results table: one row per combination. */
export function renderResults(results: readonly CombinationResult[]): string {
  const rows = results.map((r) => [
    r.combination.pulumi,
    r.combination.kubernetes,
    r.combination.node,
    r.passed ? "passed" : "FAILED",
    r.counts ? `${r.counts.passed}/${r.counts.total}` : "-",
    r.counts ? String(r.counts.files.length) : "-",
    secs(r.durationMs),
    r.reason ?? "",
  ]);
  return textTable(["@pulumi/pulumi", "@pulumi/kubernetes", "node", "result", "tests", "files", "time", "note"], rows);
}

/**
 * The line CI reads: how many combinations passed and failed, of `planned` (a combination that
 * never ran, because the run was stopped, counts as failed).
 */
export function summaryLine(results: readonly CombinationResult[], planned = results.length): string {
  const passed = results.filter((r) => r.passed).length;
  return `${passed} passed, ${Math.max(planned, results.length) - passed} failed`;
}
