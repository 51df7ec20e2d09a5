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
// @kubernetes/client-node is ESM only and this package is CommonJS to TypeScript: types come in
// with resolution-mode "import", the classes through a dynamic import (see kube()).
import type { CoreV1Api } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import { afterAll, beforeAll, vi } from "vitest";
import * as kubeTools from "../../tools/kube.ts";
import { eventually } from "../../tools/wait.ts";
import { type E2EContext, e2eContext } from "./support/context";
import { type TestStack, cleanupStacks, createStack, slug } from "./support/stacks";

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
export {
  INLINE_PROJECT,
  type StackOptions,
  TestStack,
  cleanupStacks,
  createStack,
  pulumiCommand,
  stateFilePath,
  transcriptText,
} from "./support/stacks";

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

/** A stack whose inline program is `program(lib)`, the library imported afresh on every run. */
export function libraryStack(
  name: string,
  program: (lib: Awaited<ReturnType<typeof importLibrary>>) => unknown,
): Promise<TestStack> {
  return createStack({ name, program: async () => (await program(await importLibrary())) as Record<string, unknown> });
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
  // Inline programs run in this process, and kubesecret's own client (fixed names, adopt,
  // writeOnly) follows KUBECONFIG as the CLI's default provider does: the same shell, as for a user.
  process.env["KUBECONFIG"] = context.kubeconfigPath;
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
