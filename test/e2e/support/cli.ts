/** The pinned CLI run directly (not through the Automation API), and the build it may need. */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { e2eContext } from "./context";
import type { TestStack } from "./stacks";
import { REPO_ROOT } from "../../../tools/repo.ts";

const run = promisify(execFile);

/** Runs the pinned CLI with the run's Pulumi environment; returns its stdout. */
export async function runPulumi(args: string[], cwd: string): Promise<string> {
  const ctx = e2eContext();
  const pulumi = path.join(ctx.pulumiRoot, "bin", "pulumi");
  const env = { ...process.env, ...ctx.env };
  const { stdout } = await run(pulumi, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The decrypted export of a stack (`pulumi stack export --show-secrets`), run in its work dir. */
export function decryptedExport(stack: TestStack): Promise<string> {
  return runPulumi(["stack", "export", "--show-secrets", "--stack", stack.name], stack.stack.workspace.workDir);
}

/**
 * The package is served from bin/ (package.json `main`) to the CLI and other languages: build it
 * when src/ is newer. The e2e globalSetup does not build.
 */
export async function ensureLibraryBuilt(): Promise<void> {
  const built = fs.statSync(path.join(REPO_ROOT, "bin", "index.js"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = fs.readdirSync(path.join(REPO_ROOT, "src"), { recursive: true, encoding: "utf8" });
  const newest = Math.max(...sources.map((f) => fs.statSync(path.join(REPO_ROOT, "src", f)).mtimeMs));
  if (newest > built) await run("npm", ["run", "build"], { cwd: REPO_ROOT });
}
