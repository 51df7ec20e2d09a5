/**
 * Program evaluation under Pulumi's mocks: every subject at every N, each measurement in a fresh
 * child process (bench/mocks/child.ts). Within a round, all subjects of one N run back to back
 * (in an order that rotates every round), so noise lands on both sides of each ratio.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { rotate } from "../stats.ts";
import type { MockSample, MockSeries, Subject } from "../schema.ts";
import { registrationsPerUnit } from "../subjects.ts";

const run = promisify(execFile);
const CHILD = path.join(import.meta.dirname, "child.ts");

/** One thing to measure: a subject (from a library's install dir) at each N. */
export interface MockTarget {
  subject: Subject;
  library?: string;
  /** The install dir whose node_modules the child loads. */
  libDir: string;
}

export interface MockPlan {
  targets: MockTarget[];
  sizes: number[];
  rounds: number;
  /** JSON file with `{ cert, key }` for TlsSecret. */
  tlsFile: string;
  /** When set, every child writes a V8 CPU profile here. */
  profileDir?: string;
  log: (message: string) => void;
}

async function measure(target: MockTarget, n: number, round: number, plan: MockPlan): Promise<MockSample> {
  const nodeArgs = ["--expose-gc"];
  if (plan.profileDir) {
    const name = `mocks-${target.subject}${target.library ? `@${target.library}` : ""}-n${n}-r${round + 1}.cpuprofile`;
    nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${plan.profileDir}`, `--cpu-prof-name=${name}`);
  }
  const args = [...nodeArgs, CHILD, "--lib-dir", target.libDir, "--subject", target.subject];
  args.push("--n", String(n), "--tls", plan.tlsFile);
  const { stdout } = await run(process.execPath, args, { cwd: target.libDir, maxBuffer: 16 * 1024 * 1024 });
  const line = stdout.trim().split("\n").pop() ?? "";
  const result = JSON.parse(line) as MockSample & { registrations: number };
  const expected = n * registrationsPerUnit(target.subject);
  if (result.registrations !== expected) {
    throw new Error(`${target.subject} at N=${n}: ${result.registrations} registrations, expected ${expected}`);
  }
  return { wallMs: result.wallMs, cpuMs: result.cpuMs, heapBytes: result.heapBytes, rssBytes: result.rssBytes };
}

/** Runs the plan; returns one series per target and N, samples in round order. */
export async function runMocks(plan: MockPlan): Promise<MockSeries[]> {
  const series = new Map<string, MockSeries>();
  const key = (t: MockTarget, n: number) => `${t.subject}@${t.library ?? ""}#${n}`;
  for (const t of plan.targets) {
    for (const n of plan.sizes) series.set(key(t, n), { subject: t.subject, library: t.library, n, samples: [] });
  }
  for (let round = 0; round < plan.rounds; round++) {
    for (const n of plan.sizes) {
      const started = Date.now();
      for (const target of rotate(plan.targets, round)) {
        series.get(key(target, n))!.samples.push(await measure(target, n, round, plan));
      }
      plan.log(`mocks round ${round + 1}/${plan.rounds}, N=${n}: ${((Date.now() - started) / 1000).toFixed(1)}s`);
    }
  }
  return [...series.values()];
}
