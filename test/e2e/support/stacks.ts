/**
 * Pulumi stacks of an e2e test file, run through the Automation API against the real CLI:
 * `createStack` makes one (inline program or program directory), every operation's output is
 * recorded (`stack.log`, `transcriptText()`), and `cleanupStacks` destroys and removes them all.
 * Tests import these through ../harness.
 */
import fs from "node:fs";
import path from "node:path";
import {
  type ConfigMap,
  type DestroyOptions,
  LocalWorkspace,
  type OutputMap,
  type PreviewOptions,
  type PulumiFn,
  PulumiCommand,
  type RefreshOptions,
  type Stack,
  type UpOptions,
} from "@pulumi/pulumi/automation";
import { REPO_ROOT } from "../../../tools/repo.ts";
import { type E2EContext, e2eContext } from "./context";

/** Project name of inline programs unless a test picks its own. */
export const INLINE_PROJECT = "kubesecret-e2e";

let command: Promise<PulumiCommand> | undefined;

/** The pinned CLI (`<toolchain>/bin/pulumi`), checked once per test file. */
export function pulumiCommand(): Promise<PulumiCommand> {
  command ??= PulumiCommand.get({ root: e2eContext().pulumiRoot });
  return command;
}

const stacks = new Set<TestStack>();
const transcript: string[] = [];
let counter = 0;

type Hooks = Pick<UpOptions, "onOutput" | "onError" | "onEvent">;

/** A stack of this test run, recording everything the CLI prints about it. */
export class TestStack {
  /** stdout, stderr and engine events (as JSON) of every operation, in order. */
  readonly log: string[] = [];
  /**
   * Debug-severity diagnostics (what `pulumi up --debug` would print), kept apart: the Node.js
   * SDK logs whole RegisterResource responses at debug level, secret values included.
   */
  readonly debugLog: string[] = [];
  private removed = false;

  constructor(
    readonly stack: Stack,
    readonly projectName: string,
    private readonly context: E2EContext,
    private readonly scratchDir?: string,
  ) {}

  get name(): string {
    return this.stack.name;
  }

  /** All this stack's output so far, as one string. */
  text(): string {
    return this.log.join("");
  }

  /** This stack's debug diagnostics so far, as one string. */
  debugText(): string {
    return this.debugLog.join("");
  }

  private record(operation: string, opts: Hooks): Hooks {
    const add = (s: string) => {
      this.log.push(s);
      transcript.push(s);
    };
    add(`\n### ${operation} ${this.name}\n`);
    return {
      onOutput: (s) => (add(s), opts.onOutput?.(s)),
      onError: (s) => (add(s), opts.onError?.(s)),
      onEvent: (e) => {
        const json = `${JSON.stringify(e)}\n`;
        // The event types omit "debug", but the engine does send debug diagnostics.
        if ((e.diagnosticEvent?.severity as string | undefined) === "debug") this.debugLog.push(json);
        else add(json);
        opts.onEvent?.(e);
      },
    };
  }

  up(opts: UpOptions = {}) {
    return this.stack.up({ color: "never", ...opts, ...this.record("up", opts) });
  }

  preview(opts: PreviewOptions = {}) {
    return this.stack.preview({ color: "never", ...opts, ...this.record("preview", opts) });
  }

  refresh(opts: RefreshOptions = {}) {
    return this.stack.refresh({ color: "never", ...opts, ...this.record("refresh", opts) });
  }

  destroy(opts: DestroyOptions = {}) {
    return this.stack.destroy({ color: "never", ...opts, ...this.record("destroy", opts) });
  }

  outputs(): Promise<OutputMap> {
    return this.stack.outputs();
  }

  setConfig(config: ConfigMap): Promise<void> {
    return this.stack.setAllConfig(config);
  }

  /** Where the file backend keeps this stack's state. */
  statePath(): string {
    return stateFilePath(this.context.backendDir, this.projectName, this.name);
  }

  /** The state file as stored (JSON text). */
  rawState(): string {
    return fs.readFileSync(this.statePath(), "utf8");
  }

  /** The state file, parsed: `{ version, checkpoint: { latest: { resources, ... } } }`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  state(): any {
    return JSON.parse(this.rawState());
  }

  /** Destroys the stack's resources and removes the stack (and its scratch directory). */
  async remove(): Promise<void> {
    if (this.removed) return;
    try {
      await this.destroy();
      await this.stack.workspace.removeStack(this.name);
    } catch (err) {
      // Leave nothing behind in the backend even when the destroy failed, but report it.
      await this.stack.workspace.removeStack(this.name, { force: true }).catch(() => {});
      throw err;
    } finally {
      this.removed = true;
      stacks.delete(this);
      if (this.scratchDir) fs.rmSync(this.scratchDir, { recursive: true, force: true });
    }
  }
}

export interface StackOptions {
  /** A short label for the stack name (made unique per run). */
  name?: string;
  /** An inline program. Give this or `dir`. */
  program?: PulumiFn;
  /** Project name for an inline program (default `kubesecret-e2e`). */
  projectName?: string;
  /** A program directory holding Pulumi.yaml. The stack's config file (Pulumi.<stack>.yaml) is written there. */
  dir?: string;
  /** Stack configuration to set before the first operation. */
  config?: ConfigMap;
}

/** Creates a fresh stack of this run; it is destroyed and removed by `cleanupStacks` (see `useE2E`). */
export async function createStack(opts: StackOptions): Promise<TestStack> {
  const ctx = e2eContext();
  if (!opts.program === !opts.dir) throw new Error("createStack: give either `program` or `dir`");
  const stackName = `${slug(opts.name ?? "stack")}-${process.pid}-${++counter}`;
  const workspace = { envVars: ctx.env, pulumiCommand: await pulumiCommand() };
  let test: TestStack;
  if (opts.dir) {
    const workDir = path.resolve(opts.dir);
    const stack = await LocalWorkspace.createStack({ stackName, workDir }, workspace);
    const project = await stack.workspace.projectSettings();
    test = new TestStack(stack, project.name, ctx);
  } else {
    const projectName = opts.projectName ?? INLINE_PROJECT;
    // Inline programs get a scratch work dir (Pulumi.yaml, Pulumi.<stack>.yaml) inside the run dir.
    const workDir = path.join(ctx.runDir, "work", stackName);
    fs.mkdirSync(workDir, { recursive: true });
    linkPackages(workDir);
    const stack = await LocalWorkspace.createStack(
      { stackName, projectName, program: opts.program! },
      { ...workspace, workDir, projectSettings: { name: projectName, runtime: "nodejs" } },
    );
    test = new TestStack(stack, projectName, ctx, workDir);
  }
  stacks.add(test);
  if (opts.config) await test.setConfig(opts.config);
  return test;
}

/**
 * Makes the work dir look like a program that installed kubesecret: the dynamic provider of
 * write-only Secrets runs there without the program and loads `kubesecret/write-only-provider`
 * (from bin/, see ensureLibraryBuilt) and @pulumi/pulumi from its node_modules.
 */
function linkPackages(workDir: string): void {
  const modules = path.join(workDir, "node_modules");
  fs.mkdirSync(modules, { recursive: true });
  fs.symlinkSync(REPO_ROOT, path.join(modules, "kubesecret"));
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi"), path.join(modules, "@pulumi"));
}

/** Destroys and removes every stack this file created that is still there. */
export async function cleanupStacks(): Promise<void> {
  const errors: unknown[] = [];
  for (const stack of [...stacks]) {
    await stack.remove().catch((err: unknown) => errors.push(err));
  }
  if (errors.length) throw new AggregateError(errors, `cleanup of ${errors.length} stack(s) failed`);
}

/** Everything every stack of this test file has printed so far, but debug diagnostics (for leak scans). */
export function transcriptText(): string {
  return transcript.join("");
}

/** `<backend>/.pulumi/stacks/<project>/<stack>.json`: the file backend's project-scoped layout. */
export function stateFilePath(backendDir: string, projectName: string, stackName: string): string {
  return path.join(backendDir, ".pulumi", "stacks", projectName, `${stackName}.json`);
}

/** A name made safe for stacks and namespaces: lower case, `-` for anything else. */
export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+/, "");
}
