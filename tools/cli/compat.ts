/**
 * `npm run test:compat`: the unit suite against the packed package for every supported
 * @pulumi/pulumi × @pulumi/kubernetes × Node.js combination (see tools/compat/run.ts).
 *
 *   npm run test:compat                      all combinations; exit 1 when any fails
 *   KUBESECRET_COMPAT_KEEP=1 npm run test:compat   keep the scratch directory (projects, logs)
 *
 * Ends with a table and the line `N passed, N failed` (combinations) that CI reads. A run that
 * tried every combination, passed or not, rewrites docs/supported-versions.md (tools/compat/page.ts).
 */
import path from "node:path";
import { secs } from "../log.ts";
import { PAGE_FILE, renderCompatPage } from "../compat/page.ts";
import { runCompat } from "../compat/run.ts";
import { renderResults, summaryLine } from "../compat/report.ts";
import { writeFormatted } from "../prettier.ts";
import { REPO_ROOT } from "../repo.ts";

const out = (text: string) => process.stdout.write(`${text}\n`);

if (process.argv.length > 2) {
  process.stderr.write("usage: npm run test:compat   (KUBESECRET_COMPAT_KEEP=1 keeps the scratch directory)\n");
  process.exitCode = 2;
} else {
  const stop = new AbortController();
  // Ctrl-C: the running vitest gets it too; no further combination starts, the scratch goes.
  process.on("SIGINT", () => stop.abort());
  const started = Date.now();
  runCompat({
    keep: process.env.KUBESECRET_COMPAT_KEEP === "1",
    log: (m) => out(`[compat] ${m}`),
    signal: stop.signal,
  })
    .then(async (run) => {
      out(`\n${renderResults(run.results)}\n`);
      out(`time: ${run.phases.map((p) => `${p.name} ${secs(p.ms)}`).join(", ")}; total ${secs(Date.now() - started)}`);
      const notRun = run.planned - run.results.length;
      if (notRun > 0) out(`${notRun} combinations not run (interrupted); ${PAGE_FILE} left as it was`);
      else {
        await writeFormatted(path.join(REPO_ROOT, PAGE_FILE), renderCompatPage(run));
        out(`wrote ${PAGE_FILE}`);
      }
      out(summaryLine(run.results, run.planned));
      process.exitCode = notRun === 0 && run.results.every((r) => r.passed) ? 0 : 1;
    })
    .catch((err: unknown) => {
      process.stderr.write(`test:compat: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    });
}
