/**
 * What the cluster already holds decides some outcomes no component can check beforehand: a
 * namespace that does not exist (the provider retries, then fails; nothing is created), and a
 * fixed name already taken by a Secret the stack does not own (pulumi-kubernetes 4.25 adopts it
 * without a word — a FINDING docs/security.md documents, with what 4.29+ does instead).
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

  it("with other keys: up silently adopts it, merging the data, and destroy deletes the foreign data (FINDING)", async () => {
    const name = "taken-disjoint";
    const foreignValue = canary("foreign");
    const foreign = await foreignSecret(name, { "foreign-key": foreignValue });
    const ours = canary("ours");
    const stack = await stackFor(name, { "our-key": ours });

    const result = await stack.up();
    // No error and no warning: the create is a server-side apply, which updates what exists.
    expect(result.summary.result).toBe("succeeded");
    expect(result.stdout).not.toMatch(/already exists|warning/i);
    expect(result.outputs.uid?.value, "the same object, not a new one").toBe(foreign.metadata?.uid);

    const merged = await readSecret(e2e.core, e2e.namespace, name);
    const data = decodeData(merged?.data);
    expect(data["foreign-key"]?.toString(), "the foreign key survives the up").toBe(foreignValue);
    expect(data["our-key"]?.toString()).toBe(ours);
    expect(merged?.metadata?.labels?.["owned-by"], "the foreign label stays").toBe("someone-else");
    // The stack's outputs describe only its own key.
    expect(result.outputs.keys?.value).toEqual(["our-key"]);

    await stack.destroy();
    expect(await readSecret(e2e.core, e2e.namespace, name), "destroy deletes the whole object").toBeUndefined();
    console.log(
      "FINDING: a Secret the stack does not own, with the same name, is adopted without a word " +
        "(pulumi-kubernetes 4.25 creates with server-side apply); `pulumi destroy` then deletes it, " +
        "foreign data included.",
    );
  });

  it("with the same key: up fails with a field-manager conflict and the foreign value is kept", async () => {
    const name = "taken-overlapping";
    const foreignValue = canary("foreign");
    await foreignSecret(name, { shared: foreignValue });
    const ours = canary("ours");
    const stack = await stackFor(name, { shared: ours });

    const error = await failure(stack.up());
    expect(error).toMatch(/conflict/i);
    expect(findLeaks(error, [foreignValue, ours]), "values in the error").toEqual([]);
    const live = await readSecret(e2e.core, e2e.namespace, name);
    expect(decodeData(live?.data).shared?.toString(), "the foreign value is untouched").toBe(foreignValue);
  });
});
