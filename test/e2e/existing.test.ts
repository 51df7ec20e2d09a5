/**
 * Existing Secrets: a component never takes over a Secret it did not create. With
 * pulumi-kubernetes 4.25, a create over a taken name merges silently when the shared keys agree
 * (design/write-only.md, answer 5); kubesecret looks first and refuses, in both modes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { canaryJar, decodeData, ensureLibraryBuilt, findLeaks, libraryStack, readSecret, useE2E } from "./harness";

const e2e = useE2E("existing");
const { fresh } = canaryJar();

beforeAll(ensureLibraryBuilt, 300_000);

/** A Secret made outside Pulumi (as `kubectl create secret generic` would). */
async function madeByHand(name: string, data: Record<string, string>) {
  const body = {
    metadata: { name, namespace: e2e.namespace },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")])),
  };
  return e2e.core.createNamespacedSecret({ namespace: e2e.namespace, body });
}

describe.each([
  { mode: "default", writeOnly: false, sameValue: true },
  { mode: "default", writeOnly: false, sameValue: false },
  { mode: "writeOnly", writeOnly: true, sameValue: true },
])("a taken name ($mode mode, shared key equal: $sameValue)", ({ mode, writeOnly, sameValue }) => {
  it("fails naming namespace and name, and leaves the existing Secret untouched", async () => {
    const name = `taken-${mode.toLowerCase()}-${sameValue ? "same" : "differs"}`;
    const shared = fresh("shared");
    const theirs = { a: shared, b: fresh("theirs") };
    const ours = sameValue ? shared : fresh("ours");
    const before = await madeByHand(name, theirs);
    const stack = await libraryStack(name, (lib) => {
      const secret = new lib.Secret("taker", {
        namespace: e2e.namespace,
        name,
        writeOnly,
        stringData: { a: ours, c: fresh("c") },
      });
      return { uid: secret.uid };
    });
    const failure = await stack.up().then(
      () => undefined,
      (err: unknown) => String(err),
    );
    expect(failure).toBeDefined();
    expect(failure).toContain(`a Secret named "${name}" already exists in namespace "${e2e.namespace}"`);
    expect(findLeaks(failure!, [shared, ours, ...Object.values(theirs)])).toEqual([]);
    const after = await readSecret(e2e.core, e2e.namespace, name);
    expect(after!.metadata!.uid).toBe(before.metadata!.uid);
    expect(after!.metadata!.resourceVersion).toBe(before.metadata!.resourceVersion);
    expect(Object.fromEntries(Object.entries(decodeData(after!.data)).map(([k, v]) => [k, v.toString()]))).toEqual(
      theirs,
    );
    const state = stack.state();
    const children = (state.checkpoint.latest?.resources ?? []).filter((r: { type: string }) =>
      ["kubernetes:core/v1:Secret", "pulumi-nodejs:dynamic/kubesecret:WriteOnlySecret"].includes(r.type),
    );
    expect(children).toEqual([]);
    // Destroying the stack must not touch it either.
    await stack.destroy();
    expect((await readSecret(e2e.core, e2e.namespace, name))!.metadata!.uid).toBe(before.metadata!.uid);
  }, 300_000);
});
