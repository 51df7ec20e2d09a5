/** What globalSetup hands every e2e test file (through vitest's provide/inject). */
import { inject } from "vitest";

export interface E2EContext {
  /** Identifies this run; part of every stack and namespace name the run creates. */
  runId: string;
  /** Scratch directory of this run (backend, inline-program work dirs), removed at teardown. */
  runDir: string;
  /** The cluster's kubeconfig. */
  kubeconfigPath: string;
  /** The API server URL. */
  server: string;
  /** Whether globalSetup started the cluster (and will stop it). */
  clusterStartedHere: boolean;
  /** The local cluster's state directory (for `addUser`); absent with an external cluster. */
  clusterDir?: string;
  /** Variables to run pulumi with (PULUMI_HOME, PULUMI_BACKEND_URL, passphrase, PATH, KUBECONFIG...). */
  env: Record<string, string>;
  /** The CLI's installation root, for PulumiCommand.get({ root }). */
  pulumiRoot: string;
  /** The file backend's directory. */
  backendDir: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    kubesecretE2E: E2EContext;
  }
}

export function e2eContext(): E2EContext {
  const ctx = inject("kubesecretE2E");
  if (!ctx) throw new Error("no e2e context: run these tests with `npm run test:e2e` (vitest --project e2e)");
  return ctx;
}
