/**
 * `npm run test:compat`: the unit suite against the packed package, for every combination of the
 * oldest and newest @pulumi/pulumi and @pulumi/kubernetes the peer ranges allow and the Node.js
 * majors the package supports (see registry.ts), in a scratch directory outside the repository.
 * Combinations run one after another (each vitest run uses every core).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Log, secs } from "../log.ts";
import { packLibrary } from "../pack.ts";
import { REPO_ROOT } from "../repo.ts";
import { type Combination, describeCombination, expandMatrix, projectKey } from "./matrix.ts";
import type { CompatRecord } from "./page.ts";
import { COMPAT_CONFIG, type TestProject, createTestProject, installNode } from "./project.ts";
import { readManifest, resolveAxes } from "./registry.ts";
import { type CombinationResult, judgeRun, parseVitestJson } from "./report.ts";

/** How the run behaves. */
export interface CompatOptions {
  /** Leave the scratch directory (projects, logs, reports) behind. */
  keep: boolean;
  /** Progress lines. */
  log: Log;
  /** Stops the run before the next combination (Ctrl-C). */
  signal?: AbortSignal;
}

/** The run's outcome (what the page records), where time went and where the scratch was. */
export interface CompatRun extends CompatRecord {
  phases: { name: string; ms: number }[];
  scratch: string;
}

/** One vitest run may take this long before it is killed (the suite takes well under a minute). */
const RUN_TIMEOUT_MS = 10 * 60 * 1000;

/** A gate that lets at most `limit` tasks run at a time. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** What the scratch directory holds at its largest: four installed projects and two Node.js. */
const SCRATCH_BYTES = 2 * 1024 ** 3;

/**
 * Where the scratch directory goes: KUBESECRET_COMPAT_TMPDIR when set, else /dev/shm when it is a
 * writable memory file system with room (npm writes some 60,000 small files, and deleting them
 * afterwards took as long as the tests on a busy disk), else the system's temporary directory.
 */
export function scratchBase(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KUBESECRET_COMPAT_TMPDIR) return env.KUBESECRET_COMPAT_TMPDIR;
  try {
    fs.accessSync("/dev/shm", fs.constants.W_OK);
    const stats = fs.statfsSync("/dev/shm");
    if (stats.bavail * stats.bsize >= SCRATCH_BYTES) return "/dev/shm";
  } catch {}
  return os.tmpdir();
}

/** Runs vitest with Node.js from `nodeBin` in `project`; its output goes to `logFile`. */
function runVitest(project: TestProject, nodeBin: string, reportFile: string, logFile: string): Promise<number | null> {
  const vitest = path.join(project.dir, "node_modules", "vitest", "vitest.mjs");
  const args = [vitest, "run", "--config", COMPAT_CONFIG, "--reporter=dot", "--reporter=json"];
  const out = fs.openSync(logFile, "w");
  const child = spawn(path.join(nodeBin, "node"), [...args, `--outputFile.json=${reportFile}`], {
    cwd: project.dir,
    // The tests' own child processes (openssl, node) see this Node.js first, as a user's would.
    env: { ...process.env, PATH: `${nodeBin}${path.delimiter}${process.env.PATH ?? ""}`, NO_COLOR: "1" },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

async function runCombination(
  combination: Combination,
  project: TestProject,
  nodeBin: string,
  scratch: string,
  log: Log,
): Promise<CombinationResult> {
  const name = `${projectKey(combination)}+node-${combination.node}`;
  const reportFile = path.join(scratch, "reports", `${name}.json`);
  const logFile = path.join(scratch, "reports", `${name}.log`);
  fs.mkdirSync(path.dirname(reportFile), { recursive: true });
  log(`testing ${describeCombination(combination)}`);
  const started = Date.now();
  const exitCode = await runVitest(project, nodeBin, reportFile, logFile);
  const durationMs = Date.now() - started;
  let result: CombinationResult;
  if (!fs.existsSync(reportFile)) {
    result = { combination, passed: false, counts: undefined, durationMs, reason: `no report (exit ${exitCode})` };
  } else {
    const counts = parseVitestJson(fs.readFileSync(reportFile, "utf8"), project.dir);
    const reason = judgeRun(exitCode, counts, project.testFiles);
    result = { combination, passed: reason === undefined, counts, durationMs, ...(reason ? { reason } : {}) };
  }
  log(`  ${result.passed ? "passed" : `FAILED: ${result.reason}`} (${secs(durationMs)})`);
  if (!result.passed) {
    const lines = fs.readFileSync(logFile, "utf8").trimEnd().split("\n");
    log(`  last lines of ${logFile}:\n${lines.slice(-60).join("\n")}`);
  }
  return result;
}

/** A promise's outcome, without rejecting. */
type Settled<T> = { value: T } | { error: unknown };
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split("\n")[0]!;

/** Packs the library, installs every combination's projects, and runs the suite in each. */
export async function runCompat(opts: CompatOptions): Promise<CompatRun> {
  const { log } = opts;
  const startedAt = new Date().toISOString();
  const scratch = fs.mkdtempSync(path.join(scratchBase(), "kubesecret-compat-"));
  const phases: CompatRun["phases"] = [];
  const timed = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const started = Date.now();
    const value = await work();
    const known = phases.find((p) => p.name === name);
    if (known) known.ms += Date.now() - started;
    else phases.push({ name, ms: Date.now() - started });
    return value;
  };
  const installs: Promise<unknown>[] = [];
  try {
    log(`scratch directory ${scratch}`);
    const manifest = readManifest(REPO_ROOT);
    const axesResolved = resolveAxes(manifest);
    const packed = await timed("pack", () => packLibrary(REPO_ROOT, scratch, "."));
    log(`packed ${path.basename(packed.tarball)} (${packed.info.tarballBytes} bytes) from the working tree`);
    const axes = await timed("resolve versions", () => axesResolved);
    log(`@pulumi/pulumi ${manifest.peerDependencies["@pulumi/pulumi"]} → ${axes.pulumi.join(", ")}`);
    log(`@pulumi/kubernetes ${manifest.peerDependencies["@pulumi/kubernetes"]} → ${axes.kubernetes.join(", ")}`);
    log(`Node.js ${manifest.engines.node} (CI: ${manifest.devDependencies["node"]}) → ${axes.node.join(", ")}`);
    const combinations = expandMatrix(axes);

    // npm mostly waits on the network and the disk: installs run two at a time, and go on while
    // the combinations already installed are tested (which keeps the cores busy).
    const gate = limiter(2);
    const install = <T>(task: () => Promise<T>) => {
      const settled = settle(gate(task));
      installs.push(settled);
      return settled;
    };
    const nodeBins = new Map(
      axes.node.map((v) => [v, install(() => installNode(path.join(scratch, `node-${v}`), v))] as const),
    );
    const projects = new Map<string, Promise<Settled<TestProject>>>();
    for (const c of combinations) {
      const key = projectKey(c);
      if (!projects.has(key)) {
        projects.set(
          key,
          install(() => createTestProject(REPO_ROOT, path.join(scratch, key), manifest, c, packed.tarball)),
        );
      }
    }

    const results: CombinationResult[] = [];
    for (const c of combinations) {
      if (opts.signal?.aborted) break;
      const [project, nodeBin] = await timed("waiting for installs", () =>
        Promise.all([projects.get(projectKey(c))!, nodeBins.get(c.node)!]),
      );
      if ("error" in project || "error" in nodeBin) {
        const error = "error" in project ? project.error : (nodeBin as { error: unknown }).error;
        log(`${describeCombination(c)}: install failed: ${String((error as Error)?.stack ?? error)}`);
        results.push({
          combination: c,
          passed: false,
          counts: undefined,
          durationMs: 0,
          reason: `install failed: ${firstLine(error)}`,
        });
        continue;
      }
      results.push(await timed("tests", () => runCombination(c, project.value, nodeBin.value, scratch, log)));
    }
    const finishedAt = new Date().toISOString();
    const library = packed.info;
    return { startedAt, finishedAt, library, manifest, axes, results, planned: combinations.length, phases, scratch };
  } finally {
    await Promise.all(installs);
    if (opts.keep) log(`kept ${scratch} (KUBESECRET_COMPAT_KEEP=1)`);
    else await timed("cleanup", () => fs.rmSync(scratch, { recursive: true, force: true }));
  }
}
