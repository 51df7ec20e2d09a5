/** The machine a run measured on, and the versions of everything it ran. */
import os from "node:os";
import type { BenchResults } from "./schema.ts";

export function describeMachine(): BenchResults["machine"] {
  return {
    nproc: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    platform: os.platform(),
    release: os.release(),
  };
}

/**
 * The engine's default parallelism: PULUMI_PARALLEL when set, else 4 × GOMAXPROCS (the number of
 * CPUs), as `pulumi up --parallel` defaults in the pinned CLI.
 */
export function engineParallelism(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env["PULUMI_PARALLEL"]);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 4 * os.availableParallelism();
}
