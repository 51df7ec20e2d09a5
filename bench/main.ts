/**
 * `npm run bench`: packs the library (or the versions asked for), installs each into a fresh
 * project outside the repo, measures program evaluation under mocks and the real engine against
 * a local control plane, writes the result file and renders docs/benchmarks.md from it.
 * `--help` lists the options.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { withEngineSession } from "./engine/session.ts";
import { runEngine } from "./engine/run.ts";
import type { ProgramSpec } from "./engine/programs.ts";
import {
  type PackedLibrary,
  REPO_ROOT,
  installLibrary,
  installedVersion,
  makeTlsPair,
  packLibrary,
  pinnedToolVersions,
  supportsWriteOnly,
} from "./environment.ts";
import { describeMachine, engineParallelism } from "./machine.ts";
import { type MockTarget, runMocks } from "./mocks/run.ts";
import { type BenchOptions, USAGE, parseOptions } from "./options.ts";
import { renderInto, writeOutputs } from "./output.ts";
import { type BenchResults, type KubesecretClass, RESULTS_SCHEMA, validateResults } from "./schema.ts";

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(0)}s`;

interface Installed {
  library: PackedLibrary;
  dir: string;
}

function mockTargets(installed: Installed[], classes: readonly KubesecretClass[]): MockTarget[] {
  const first = installed[0]!;
  return [
    { subject: "raw", libDir: first.dir },
    { subject: "bare", libDir: first.dir },
    ...installed.flatMap(({ library, dir }) =>
      classes.map((subject) => ({ subject, library: library.info.id, libDir: dir })),
    ),
  ];
}

function enginePrograms(installed: Installed[]): ProgramSpec[] {
  const first = installed[0]!;
  return [
    { key: "raw", program: "raw", libDir: first.dir },
    { key: "bare", program: "bare", libDir: first.dir },
    ...installed.map(({ library, dir }) => ({
      key: `kubesecret-${library.info.id}`,
      program: "kubesecret" as const,
      library: library.info.id,
      libDir: dir,
    })),
    // The same Secrets with `writeOnly: true`, for each library that has the mode.
    ...installed
      .filter(({ dir }) => supportsWriteOnly(dir))
      .map(({ library, dir }) => ({
        key: `write-only-${library.info.id}`,
        program: "write-only" as const,
        library: library.info.id,
        libDir: dir,
      })),
  ];
}

async function measure(options: BenchOptions, workDir: string, runId: string): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const installed: Installed[] = [];
  for (const spec of options.packages) {
    const t = Date.now();
    const library = packLibrary(REPO_ROOT, workDir, spec);
    if (installed.some((i) => i.library.info.id === library.info.id)) {
      throw new Error(`--package ${spec} is the same library as another one (${library.info.id})`);
    }
    const dir = await installLibrary(REPO_ROOT, library, path.join(workDir, `lib-${library.info.id}`));
    installed.push({ library, dir });
    log(`${library.info.id}: packed and installed into ${dir} (${secs(Date.now() - t)})`);
  }
  const first = installed[0]!.dir;
  const tools = await pinnedToolVersions();
  const versions: Record<string, string> = {
    "Node.js": process.version,
    "@pulumi/pulumi": installedVersion(first, "@pulumi/pulumi"),
    "@pulumi/kubernetes": installedVersion(first, "@pulumi/kubernetes"),
    "@kubernetes/client-node": installedVersion(REPO_ROOT, "@kubernetes/client-node"),
  };
  const results: Omit<BenchResults, "finishedAt"> = {
    schema: RESULTS_SCHEMA,
    startedAt,
    smoke: options.smoke,
    rounds: { mocks: options.mocksRounds, engine: options.engineRounds },
    machine: describeMachine(),
    loadAverage: { start: os.loadavg()[0]!, end: 0 },
    versions,
    libraries: installed.map((i) => i.library.info),
    mocks: [],
  };
  if (options.profile) fs.mkdirSync(options.profile, { recursive: true });

  if (options.mocks) {
    const tlsFile = path.join(workDir, "tls.json");
    fs.writeFileSync(tlsFile, JSON.stringify(makeTlsPair()));
    const t = Date.now();
    results.mocks = await runMocks({
      targets: mockTargets(installed, options.classes),
      sizes: options.mockSizes,
      rounds: options.mocksRounds,
      tlsFile,
      profileDir: options.profile && path.resolve(options.profile),
      log,
    });
    log(`mocks done (${secs(Date.now() - t)})`);
  }

  if (options.engine) {
    const t = Date.now();
    await withEngineSession({ kubeconfig: options.kubeconfig, workDir, runId, log }, async (session) => {
      versions["pulumi CLI"] = tools.pulumi;
      versions["pulumi-resource-kubernetes"] = tools.kubernetesProvider;
      versions["kube-apiserver"] = session.serverVersion;
      const logDir = path.join(workDir, "logs");
      fs.mkdirSync(logDir, { recursive: true });
      results.engine = await runEngine({
        programs: enginePrograms(installed),
        sizes: options.engineSizes,
        rounds: options.engineRounds,
        modes: ["file", "skip"],
        env: session.pulumiEnv.env,
        pulumi: session.pulumiEnv.pulumi,
        backendDir: session.pulumiEnv.backendDir,
        core: session.core,
        namespace: session.namespace,
        parallelism: engineParallelism(),
        logDir,
        profileDir: options.profile && path.resolve(options.profile),
        log,
      });
    });
    log(`real engine done (${secs(Date.now() - t)})`);
  } else {
    results.skipped = "run with --mocks-only";
  }
  results.loadAverage!.end = os.loadavg()[0]!;
  return validateResults({ ...results, finishedAt: new Date().toISOString() });
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.render) {
    const results = validateResults(JSON.parse(fs.readFileSync(options.render, "utf8")));
    const docsDir = options.out ?? path.join(REPO_ROOT, "docs");
    await renderInto(results, path.resolve(options.render), docsDir);
    log(`rendered ${path.join(docsDir, "benchmarks.md")} from ${options.render}`);
    return 0;
  }
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-bench-"));
  const t0 = Date.now();
  let ok = false;
  try {
    const results = await measure(options, workDir, runId);
    const { resultFile, markdown } = await writeOutputs(results, options);
    process.stdout.write(`${markdown}\n`);
    log(`done in ${secs(Date.now() - t0)}: ${resultFile}`);
    ok = true;
    return 0;
  } finally {
    if (ok && !options.keep) fs.rmSync(workDir, { recursive: true, force: true });
    else log(`scratch dir kept: ${workDir}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    log(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
