/**
 * Where a run's files go: the result file under bench/results/ and the report (docs/benchmarks.md
 * and its charts) under docs/, or both into one directory (--out, and a smoke's scratch dir).
 * Text files go through the repo's Prettier config, so `npm run format:check` stays clean.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT, writeFormatted } from "./environment.ts";
import { type BenchOptions, resultFileName } from "./options.ts";
import { renderReport } from "./report/document.ts";
import type { BenchResults } from "./schema.ts";

/** Renders the report of `results` into `docsDir`; returns the Markdown. */
export async function renderInto(results: BenchResults, resultFile: string, docsDir: string): Promise<string> {
  const relative = path.relative(REPO_ROOT, resultFile).split(path.sep).join("/");
  const report = renderReport(results, relative);
  await writeFormatted(path.join(docsDir, "benchmarks.md"), report.markdown);
  for (const chart of report.charts) fs.writeFileSync(path.join(docsDir, chart.file), chart.svg);
  return report.markdown;
}

/** Writes the result file and the report; returns the result file's path and the report. */
export async function writeOutputs(
  results: BenchResults,
  options: BenchOptions,
): Promise<{ resultFile: string; markdown: string }> {
  const name = resultFileName(
    results.startedAt,
    results.libraries.map((l) => l.id),
    results.smoke,
  );
  const defaultOut = options.smoke ? path.join(os.tmpdir(), "kubesecret-bench-smoke") : undefined;
  const out = options.out ?? defaultOut;
  const resultsDir = out ?? path.join(REPO_ROOT, "bench", "results");
  const docsDir = out ?? path.join(REPO_ROOT, "docs");
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.mkdirSync(docsDir, { recursive: true });
  const resultFile = path.join(resultsDir, name);
  await writeFormatted(resultFile, JSON.stringify(results, null, 2));
  return { resultFile, markdown: await renderInto(results, resultFile, docsDir) };
}
