/**
 * The real engine: the pinned `pulumi` CLI runs each program's `up` (create), a no-op `preview`,
 * a no-op `up` and `destroy` against the local control plane, with the file backend as is and
 * (all but the preview) with PULUMI_SKIP_CHECKPOINTS=true. Each operation runs for every program back to back, in an
 * order that rotates every round; the API floor runs once per round. Every step is checked (the
 * checkpoint and the cluster hold what the step claims), never timed against a limit.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { CoreV1Api } from "@kubernetes/client-node";
import {
  type ApiFloorSeries,
  type CheckpointMode,
  ENGINE_OPERATIONS,
  type EngineOperation,
  type EngineResults,
  type EngineSeries,
  type StateSeries,
} from "../schema.ts";
import { rotate } from "../stats.ts";
import { countLabelled, measureApiFloor } from "./apiFloor.ts";
import { childrenCpuMs } from "./cpu.ts";
import { type ProgramSpec, STACK, checkpointPath, programSubject, writeProgram } from "./programs.ts";
import { countResources, measureCheckpoint } from "./state.ts";

const run = promisify(execFile);

export interface EnginePlan {
  programs: ProgramSpec[];
  sizes: number[];
  rounds: number;
  modes: CheckpointMode[];
  /** Variables to run pulumi with (isolated home, file backend, passphrase, PATH, KUBECONFIG). */
  env: Record<string, string>;
  pulumi: string;
  backendDir: string;
  core: CoreV1Api;
  namespace: string;
  parallelism: number;
  /** Every CLI run's output goes to a file here. */
  logDir: string;
  /** When set, every CLI run writes an engine trace (`--tracing file:`) and its program a CPU profile here. */
  profileDir?: string;
  log: (message: string) => void;
}

const COMMANDS: Record<EngineOperation, string[]> = {
  up: ["up", "--yes", "--skip-preview"],
  preview: ["preview", "--expect-no-changes"],
  "noop-up": ["up", "--yes", "--skip-preview", "--expect-no-changes"],
  destroy: ["destroy", "--yes", "--skip-preview"],
};

interface Prepared {
  spec: ProgramSpec;
  dir: string;
  runLabel: string;
}

/** Runs the CLI; returns its wall time and the CPU time of pulumi and what it ran (when known). */
async function pulumi(
  plan: EnginePlan,
  dir: string,
  args: string[],
  logName: string,
  extraEnv = {},
): Promise<{ ms: number; cpuMs: number | undefined }> {
  const env: Record<string, string | undefined> = { ...process.env, ...plan.env, ...extraEnv };
  if (!("PULUMI_SKIP_CHECKPOINTS" in extraEnv)) delete env["PULUMI_SKIP_CHECKPOINTS"];
  const all = [...args, "--non-interactive", "--stack", STACK];
  if (plan.profileDir) all.push("--tracing", `file:${path.join(plan.profileDir, `${logName}.trace`)}`);
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  try {
    const { stdout, stderr } = await run(plan.pulumi, all, { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
    fs.writeFileSync(path.join(plan.logDir, `${logName}.log`), stdout + stderr);
  } catch (err) {
    const { stdout = "", stderr = "" } = err as { stdout?: string; stderr?: string };
    fs.writeFileSync(path.join(plan.logDir, `${logName}.log`), stdout + stderr);
    throw new Error(`pulumi ${args[0]} failed in ${dir} (log: ${path.join(plan.logDir, `${logName}.log`)})`);
  }
  const ms = performance.now() - started;
  const cpuAfter = childrenCpuMs();
  return { ms, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

async function prepare(plan: EnginePlan, spec: ProgramSpec): Promise<Prepared> {
  const dir = writeProgram(spec, plan.profileDir && path.join(plan.profileDir, `program-${spec.key}`));
  const runLabel = `${plan.namespace}-${spec.key}`.slice(0, 63);
  await pulumi(plan, dir, ["stack", "init", "--secrets-provider", "passphrase"], `${spec.key}-init`);
  return { spec, dir, runLabel };
}

async function configure(plan: EnginePlan, p: Prepared, n: number): Promise<void> {
  const values = {
    subject: programSubject(p.spec.program),
    n: String(n),
    namespace: plan.namespace,
    runLabel: p.runLabel,
    ...(p.spec.program === "write-only" ? { writeOnly: "true" } : {}),
  };
  const args = Object.entries(values).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]);
  await pulumi(plan, p.dir, ["config", "set-all", ...args], `${p.spec.key}-config`);
}

/** Checks that the checkpoint and the cluster hold what the step claims. */
async function verify(plan: EnginePlan, p: Prepared, expected: number): Promise<string> {
  const text = fs.readFileSync(checkpointPath(plan.backendDir, p.spec), "utf8");
  const counts = countResources(text);
  const components = p.spec.program === "raw" ? 0 : expected;
  const live = await countLabelled(plan.core, plan.namespace, p.runLabel);
  if (counts.secrets !== expected || counts.components !== components || live !== expected) {
    throw new Error(
      `${p.spec.key}: state holds ${counts.secrets} Secrets and ${counts.components} components, ` +
        `the cluster ${live} Secrets; expected ${expected} and ${components}`,
    );
  }
  return text;
}

/** Runs the plan (programs are written and their stacks made first). */
export async function runEngine(plan: EnginePlan): Promise<EngineResults> {
  const prepared: Prepared[] = [];
  for (const spec of plan.programs) prepared.push(await prepare(plan, spec));
  const runs = new Map<string, EngineSeries>();
  const state = new Map<string, StateSeries>();
  const apiFloor: ApiFloorSeries[] = [];
  const series = (p: Prepared, n: number, checkpoints: CheckpointMode, operation: EngineOperation) => {
    const key = `${p.spec.key}#${n}#${checkpoints}#${operation}`;
    if (!runs.has(key)) {
      runs.set(key, { program: p.spec.program, library: p.spec.library, n, checkpoints, operation, samplesMs: [] });
    }
    return runs.get(key)!;
  };
  for (const n of plan.sizes) {
    for (const p of prepared) await configure(plan, p, n);
    const floor: ApiFloorSeries = { n, createMs: [], deleteMs: [] };
    apiFloor.push(floor);
    for (let round = 0; round < plan.rounds; round++) {
      const started = Date.now();
      for (const mode of plan.modes) {
        const extraEnv = mode === "skip" ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {};
        // A preview writes no checkpoint, so skipping checkpoints cannot change it: it runs once.
        for (const operation of ENGINE_OPERATIONS.filter((op) => mode === "file" || op !== "preview")) {
          for (const p of rotate(prepared, round)) {
            const logName = `${p.spec.key}-n${n}-r${round + 1}-${mode}-${operation}`;
            const { ms, cpuMs } = await pulumi(plan, p.dir, COMMANDS[operation], logName, extraEnv);
            const s = series(p, n, mode, operation);
            s.samplesMs.push(ms);
            if (cpuMs !== undefined) (s.cpuMs ??= []).push(cpuMs);
            const text = await verify(plan, p, operation === "destroy" ? 0 : n);
            if (operation === "up" && mode === plan.modes[0]) recordState(state, p, n, text);
          }
        }
      }
      const measured = await measureApiFloor({
        core: plan.core,
        namespace: plan.namespace,
        runLabel: `${plan.namespace}-floor`.slice(0, 63),
        n,
        parallelism: plan.parallelism,
      });
      floor.createMs.push(measured.createMs);
      floor.deleteMs.push(measured.deleteMs);
      plan.log(`engine round ${round + 1}/${plan.rounds}, N=${n}: ${((Date.now() - started) / 1000).toFixed(0)}s`);
    }
  }
  return { parallelism: plan.parallelism, runs: [...runs.values()], state: [...state.values()], apiFloor };
}

function recordState(state: Map<string, StateSeries>, p: Prepared, n: number, text: string): void {
  const key = `${p.spec.key}#${n}`;
  if (!state.has(key)) {
    state.set(key, {
      program: p.spec.program,
      library: p.spec.library,
      n,
      checkpointBytes: [],
      perSecretEntryBytes: [],
    });
  }
  const size = measureCheckpoint(text);
  state.get(key)!.checkpointBytes.push(size.bytes);
  state.get(key)!.perSecretEntryBytes.push(size.perSecretEntryBytes);
}
