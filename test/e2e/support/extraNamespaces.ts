/** Namespaces a test file makes besides its own, deleted after the file's tests. */
import { afterAll } from "vitest";
import { type E2EFile, createNamespace, deleteNamespace } from "../harness";

/**
 * Registers the deletion (after the file's tests) of every namespace the returned function
 * creates; that function creates one (labelled as this run's) and returns its name.
 */
export function useExtraNamespaces(e2e: E2EFile): (name: string) => Promise<string> {
  const created: string[] = [];
  afterAll(async () => {
    for (const namespace of created) await deleteNamespace(e2e.core, namespace);
  });
  return async (name) => {
    const namespace = await createNamespace(e2e.core, name);
    created.push(namespace);
    return namespace;
  };
}
