/**
 * The two ways pulumi-kubernetes applies a value change to a Secret: the default provider
 * replaces it; a provider with `enableSecretMutable` updates it in place.
 */
import type * as k8s from "@pulumi/kubernetes";
import { e2eContext } from "./context";

/** For `describe.each`: each way, named for test titles (`$provider`). */
export const PROVIDER_MODES = [
  { provider: "the default provider (a value change replaces)", mutable: false },
  { provider: "enableSecretMutable (a value change updates in place)", mutable: true },
];

/**
 * The resource options of a program's Secrets: an explicit provider `mutable` with
 * enableSecretMutable on the test cluster, or none (the default provider). `kubernetes` is the
 * program's @pulumi/kubernetes.
 */
export function providerOptions(kubernetes: typeof k8s, mutable: boolean): { provider?: k8s.Provider } {
  if (!mutable) return {};
  const kubeconfig = e2eContext().kubeconfigPath;
  return { provider: new kubernetes.Provider("mutable", { enableSecretMutable: true, kubeconfig }) };
}
