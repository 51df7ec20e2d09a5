/** The pinned pulumi CLI as the demo runs it: in the quick start project, echoed, transcribed for the leak scan. */
import { spawn } from "node:child_process";
import type { PulumiEnv } from "../pulumi-env.ts";
import { out } from "./steps.ts";

export interface RunOptions {
  /** Text for stdin (multi-line secret config values go in this way). */
  input?: string;
  /** Echo the output as it comes (default true). */
  show?: boolean;
}

export class PulumiCli {
  /** Everything every command printed, stdout and stderr, for the final leak scan. */
  readonly transcript: string[] = [];
  private readonly env: PulumiEnv;
  private readonly cwd: string;

  constructor(env: PulumiEnv, cwd: string) {
    this.env = env;
    this.cwd = cwd;
  }

  /** Runs `pulumi <args> --non-interactive`; fails on a non-zero exit. */
  run(args: readonly string[], opts: RunOptions = {}): Promise<{ stdout: string; stderr: string }> {
    const show = opts.show ?? true;
    return new Promise((resolve, reject) => {
      const child = spawn(this.env.pulumi, [...args, "--non-interactive"], {
        cwd: this.cwd,
        env: { ...process.env, ...this.env.env },
        stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      const echo = (chunk: string) => {
        if (show) for (const line of chunk.replace(/\n$/, "").split("\n")) out(`    │ ${line}`);
      };
      child.stdout!.setEncoding("utf8").on("data", (c: string) => ((stdout += c), echo(c)));
      child.stderr!.setEncoding("utf8").on("data", (c: string) => ((stderr += c), echo(c)));
      if (opts.input !== undefined) child.stdin!.end(opts.input);
      child.on("error", reject);
      child.on("close", (code) => {
        this.transcript.push(stdout, stderr);
        if (code === 0) return resolve({ stdout, stderr });
        const failed = `pulumi ${args[0]} ${args[1] ?? ""} failed (exit code ${code})`;
        reject(new Error(show ? failed : `${failed}:\n${stderr.trim() || stdout.trim()}`));
      });
    });
  }
}
