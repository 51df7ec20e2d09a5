/** Small helpers over @kubernetes/client-node shared by the cluster tools, the demo and the tests. */
import { CoreV1Api, KubeConfig, type V1Secret } from "@kubernetes/client-node";

/** Whether a client error is the API server's 404. */
export function isNotFound(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return code === 404 || /HTTP-Code: 404/.test(String(err));
}

/** The kubeconfig in `kubeconfigPath`, loaded. */
export function loadKubeConfig(kubeconfigPath: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return kc;
}

/** A CoreV1Api client for the cluster of `kubeconfigPath`. */
export function kubeClient(kubeconfigPath: string): CoreV1Api {
  return loadKubeConfig(kubeconfigPath).makeApiClient(CoreV1Api);
}

/** The Secret, or undefined when it does not exist. */
export async function readSecret(core: CoreV1Api, namespace: string, name: string): Promise<V1Secret | undefined> {
  try {
    return await core.readNamespacedSecret({ name, namespace });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** A Secret's data decoded to bytes, by key. */
export function decodeData(data: { [key: string]: string } | undefined): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64")]));
}
