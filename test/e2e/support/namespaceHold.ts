/**
 * A namespace held in deletion: a finalizer keeps it `Terminating`, where the API server forbids
 * creating anything (what a program meets when its namespace is being deleted).
 */
import type { CoreV1Api } from "@kubernetes/client-node" with { "resolution-mode": "import" };

/** Deletes the namespace `name` but keeps it, Terminating, until {@link releaseNamespace}. */
export async function holdNamespaceInDeletion(core: CoreV1Api, name: string) {
  const ns = await core.readNamespace({ name });
  ns.metadata!.finalizers = ["kubesecret.test/hold"];
  await core.replaceNamespace({ name, body: ns });
  await core.deleteNamespace({ name });
}

/** Lets a namespace held by {@link holdNamespaceInDeletion} go. */
export async function releaseNamespace(core: CoreV1Api, name: string) {
  const ns = await core.readNamespace({ name }).catch(() => undefined);
  if (!ns) return;
  ns.metadata!.finalizers = [];
  await core.replaceNamespace({ name, body: ns });
}
