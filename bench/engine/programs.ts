/**
 * Program directories for the real-engine part, inside a library's install dir (outside the
 * repo), one per program: Pulumi.yaml, a package.json naming the entry point, and an entry that
 * imports bench/engine/program.ts (run by Node's type stripping, so no TypeScript compiler runs).
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { EngineProgram, Subject } from "../schema.ts";

/** One program of the comparison. */
export interface ProgramSpec {
  /** Unique name: raw, bare, kubesecret-<library id> or write-only-<library id>. */
  key: string;
  program: EngineProgram;
  library?: string;
  /** The install dir whose node_modules the program uses. */
  libDir: string;
}

export const STACK = "bench";
const ENTRY = path.join(import.meta.dirname, "program.ts");

/** The subject a program creates: kubesecret's programs (either mode) use the `Secret` class. */
export function programSubject(program: EngineProgram): Subject {
  return program === "kubesecret" || program === "write-only" ? "Secret" : program;
}

export const projectName = (spec: ProgramSpec) => `kubesecret-bench-${spec.key}`.toLowerCase();

/** The file backend's checkpoint of a program's stack. */
export function checkpointPath(backendDir: string, spec: ProgramSpec): string {
  return path.join(backendDir, ".pulumi", "stacks", projectName(spec), `${STACK}.json`);
}

/** Writes the program directory and returns it; with `cpuProfileDir`, the program writes a CPU profile there. */
export function writeProgram(spec: ProgramSpec, cpuProfileDir?: string): string {
  const dir = path.join(spec.libDir, "programs", spec.key);
  fs.mkdirSync(dir, { recursive: true });
  const yaml = [
    `name: ${projectName(spec)}`,
    "description: Written by kubesecret's bench (bench/engine/programs.ts).",
    "runtime:",
    "  name: nodejs",
    "  options:",
    "    typescript: false",
    ...(cpuProfileDir ? [`    nodeargs: ${JSON.stringify(`--cpu-prof --cpu-prof-dir=${cpuProfileDir}`)}`] : []),
    "",
  ].join("\n");
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml);
  const pkg = { name: projectName(spec), private: true, type: "module", main: "index.mjs" };
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "index.mjs"), `import ${JSON.stringify(pathToFileURL(ENTRY).href)};\n`);
  // The dynamic-provider host of write-only Secrets runs ./node_modules/@pulumi/pulumi from the
  // program's directory (the engine's working directory for it), as in a user's project.
  const modules = path.join(dir, "node_modules");
  if (spec.program === "write-only" && !fs.existsSync(modules)) {
    fs.symlinkSync(path.join(spec.libDir, "node_modules"), modules);
  }
  return dir;
}
