/**
 * Helpers for end-to-end tests: Pulumi stacks run through the Automation API against the real
 * CLI, language host and Kubernetes provider, and a client for the cluster they deploy to.
 *
 *   const e2e = useE2E("smoke");                 // a namespace for this file; cleanup afterwards
 *   const stack = await createStack({ name: "basic", program: async () => { ... } });
 *   await stack.up();                            // every line of output lands in stack.log
 *   await readSecret(e2e.core, e2e.namespace, "name");
 *
 * Programs are either inline (`program`, run in this process: fast; get the library with
 * `await importLibrary()`) or a directory with Pulumi.yaml and a package.json naming its entry
 * point (`dir`, run by the real pulumi-language-nodejs through ts-node, as `pulumi up` would).
 *
 * Leak scans: `stack.text()` / `transcriptText()` hold stdout, stderr and engine events but not
 * debug diagnostics, which @pulumi/pulumi 3.276.0 fills with whole RegisterResource responses,
 * Secret data included (what `pulumi up --debug` prints); those are in `stack.debugLog`.
 */
import fs from "node:fs";
import path from "node:path";
// @kubernetes/client-node is ESM only and this package is CommonJS to TypeScript: types come in
// with resolution-mode "import", the classes through a dynamic import (see kube()).
import type { CoreV1Api } from "@kubernetes/client-node" with { "resolution-mode": "import" };
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
import { afterAll, beforeAll, vi } from "vitest";
import * as kubeTools from "../../tools/kube.ts";
import { eventually } from "../../tools/wait.ts";
import { type E2EContext, e2eContext } from "./support/context";

export { e2eContext, type E2EContext } from "./support/context";
export {
  canary,
  canaryJar,
  findLeaks,
  pemBody,
  secretForms,
  SECRET_SIGNATURE,
  SECRET_SIGNATURE_VALUE,
} from "../../tools/leaks.ts";
export { decodeData, isNotFound, readSecret } from "../../tools/kube.ts";
export { eventually } from "../../tools/wait.ts";
export { ensureLibraryBuilt, runPulumi } from "./support/cli";

/** Project name of inline programs unless a test picks its own. */
export const INLINE_PROJECT = "kubesecret-e2e";

// ---------------------------------------------------------------- Pulumi

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

/**
 * The library as a fresh module instance, for inline programs:
 * `program: async () => { const kubesecret = await importLibrary(); ... }`. Each call evaluates
 * src/ again (vi.resetModules), so module-level state such as the per-program registry of
 * generateName prefixes starts empty, as it does in a `pulumi up` process. @pulumi/pulumi is an
 * external module and stays shared with the Automation API's runtime.
 */
export async function importLibrary(): Promise<typeof import("../../src/index.js")> {
  vi.resetModules();
  return import("../../src/index.js");
}

// ---------------------------------------------------------------- Kubernetes

/** @kubernetes/client-node, loaded once. */
export const kube = () => import("@kubernetes/client-node");

/** A CoreV1Api client for the test cluster. */
export async function kubeClient(kubeconfigPath = e2eContext().kubeconfigPath): Promise<CoreV1Api> {
  return kubeTools.kubeClient(kubeconfigPath);
}

/** Creates a namespace (labelled as this run's) and returns its name. */
export async function createNamespace(core: CoreV1Api, name: string): Promise<string> {
  const ctx = e2eContext();
  const ns = slug(name).slice(0, 63).replace(/-+$/, "");
  await core.createNamespace({
    body: { metadata: { name: ns, labels: { "kubesecret.test/e2e-run": ctx.runId } } },
  });
  return ns;
}

/** Deletes a namespace (a missing one is fine); with `wait`, until it is gone. */
export async function deleteNamespace(core: CoreV1Api, name: string, wait = false): Promise<void> {
  try {
    await core.deleteNamespace({ name });
  } catch (err) {
    if (kubeTools.isNotFound(err)) return;
    throw err;
  }
  if (!wait) return;
  await eventually(`namespace ${name} deleted`, async () => {
    try {
      await core.readNamespace({ name });
      return false;
    } catch (err) {
      if (kubeTools.isNotFound(err)) return true;
      throw err;
    }
  });
}

// ---------------------------------------------------------------- per-file setup

export interface E2EFile {
  readonly context: E2EContext;
  /** A CoreV1Api client for the cluster (set in beforeAll). */
  readonly core: CoreV1Api;
  /** This file's namespace (set in beforeAll). */
  readonly namespace: string;
}

/**
 * Per test file: a client and a namespace `<label>-<run id>` made before the tests, and after
 * them every stack destroyed and removed, then the namespace deleted.
 */
export function useE2E(label: string): E2EFile {
  const context = e2eContext();
  let core: CoreV1Api | undefined;
  let namespace = "";
  beforeAll(async () => {
    core = await kubeClient(context.kubeconfigPath);
    namespace = await createNamespace(core, `${label}-${context.runId}`);
  });
  afterAll(async () => {
    try {
      await cleanupStacks();
    } finally {
      if (core && namespace) await deleteNamespace(core, namespace);
    }
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} exists only once beforeAll has run`);
    return value;
  };
  return {
    context,
    get core() {
      return ready(core, "the client");
    },
    get namespace() {
      return ready(namespace, "the namespace");
    },
  };
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+/, "");
}
