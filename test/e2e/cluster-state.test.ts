/**
 * What the cluster already holds decides some outcomes no component can check beforehand: a
 * namespace that does not exist (the provider retries, then fails; nothing is created), and a
 * fixed name already taken by a Secret the stack does not own (pulumi-kubernetes 4.25 alone would
 * merge into it; the component refuses it first, see docs/existing-secrets.md).
 */
import { describe, expect, it } from "vitest";
import { canary, createStack, decodeData, e2eContext, findLeaks, importLibrary, readSecret, useE2E } from "./harness";
import { expectNoSecretInState, failure } from "./support/outcomes";

const e2e = useE2E("cluster-state");
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

describe("a namespace that does not exist", () => {
  it("fails up with the provider's clear error after its retries, and creates nothing", async () => {
    const namespace = `missing-${e2eContext().runId}`;
    const value = canary("missing");
    const missing = await createStack({
      name: "missing-namespace",
      program: async () => {
        const lib = await importLibrary();
        new lib.Secret("in-missing-namespace", { namespace, stringData: { a: value } });
      },
    });
    // Preview cannot know: it plans the create.
    const preview = await missing.preview();
    expect(preview.changeSummary.create).toBe(3);

    const started = Date.now();
    const error = await failure(missing.up());
    const seconds = (Date.now() - started) / 1000;
    console.log(`up into a missing namespace failed after ${seconds.toFixed(1)}s`);
    expect(error).toMatch(new RegExp(`namespaces "${namespace}" not found`));
    expect(error).toMatch(/was not successfully created by the Kubernetes API server/);
    // pulumi-kubernetes retries a create that fails with NotFound (the namespace may be created
    // later by the same program): five retries with backoff, about a minute, before it gives up.
    expect(error).toMatch(/Retry #4/);
    expect(findLeaks(error + missing.text(), [value])).toEqual([]);
    expectNoSecretInState(missing);
    const list = await e2e.core.listSecretForAllNamespaces({});
    expect(list.items.filter((s) => s.metadata?.namespace === namespace)).toEqual([]);
    await missing.remove();
  });
});

describe("a name already taken by a Secret the stack does not own", () => {
  /** Creates a Secret out of band, as another tool or a person would. */
  async function foreignSecret(name: string, data: Record<string, string>) {
    return e2e.core.createNamespacedSecret({
      namespace: e2e.namespace,
      body: {
        metadata: { name, labels: { "owned-by": "someone-else" } },
        data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
      },
    });
  }

  function stackFor(name: string, stringData: Record<string, string>) {
    return createStack({
      name,
      program: async () => {
        const lib = await importLibrary();
        const secret = new lib.Secret("taken", { namespace: e2e.namespace, name, stringData });
        return { name: secret.name, uid: secret.uid, keys: secret.keys };
      },
    });
  }

  // pulumi-kubernetes 4.25 alone would merge into the first and fail the second with a
  // field-manager conflict; the component refuses both before the provider is asked
  // (src/pipeline/existing.ts; both modes and adopt: test/e2e/existing.test.ts, adopt.test.ts).
  it.each([
    { name: "taken-disjoint", theirs: "foreign-key", ours: "our-key" },
    { name: "taken-overlapping", theirs: "shared", ours: "shared" },
  ])("fails on $name, naming it, and leaves the foreign Secret and its data as they were", async (names) => {
    const foreignValue = canary("foreign");
    const foreign = await foreignSecret(names.name, { [names.theirs]: foreignValue });
    const ours = canary("ours");
    const stack = await stackFor(names.name, { [names.ours]: ours });

    const error = await failure(stack.up());
    expect(error).toContain(`a Secret named "${names.name}" already exists in namespace "${e2e.namespace}"`);
    expect(findLeaks(error, [foreignValue, ours]), "values in the error").toEqual([]);
    const live = await readSecret(e2e.core, e2e.namespace, names.name);
    expect(live?.metadata?.resourceVersion).toBe(foreign.metadata?.resourceVersion);
    expect(decodeData(live?.data)[names.theirs]?.toString(), "the foreign value is untouched").toBe(foreignValue);
    await stack.destroy();
    expect((await readSecret(e2e.core, e2e.namespace, names.name))?.metadata?.uid).toBe(foreign.metadata?.uid);
  });
});
