/**
 * Ends a run with a table of scenarios (file, test, result, seconds) and the plain closing line
 * "N passed, N failed, N skipped" that CI reads whatever the test runner.
 */
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows: string[][] = [];
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        const result = state === "passed" ? "passed" : state === "failed" ? "failed" : "skipped";
        counts[result] += 1;
        const seconds = ((test.diagnostic()?.duration ?? 0) / 1000).toFixed(1);
        rows.push([module.moduleId.replace(`${process.cwd()}/`, ""), test.fullName, result, seconds]);
      }
    }
    if (process.env["KUBESECRET_SCENARIO_TABLE"] === "1") printTable(["file", "scenario", "result", "s"], rows);
    console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("-|-")}`);
  for (const row of rows) console.log(line(row));
}
