/**
 * `adopt: true`: a Secret made outside Pulumi is taken over in place — same uid, never
 * missing — and afterwards holds exactly what the program declares; later removals really remove
 * (no other field manager keeps a key alive). In both modes; previews name the keys it changes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type TestStack, createStack, decodeData, findLeaks, importLibrary, libraryStack, readSecret } from "./harness";
import { useBuiltLibraryE2E } from "./support/builtLibrary";
import { decryptedExport } from "./support/cli";
import { absence, whileSampling } from "./support/observe";

const { e2e, fresh } = useBuiltLibraryE2E("adopt");
const SCENARIO = "kubesecret.test/scenario";

const text = (data: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(decodeData(data)).map(([k, v]) => [k, v.toString()]));

/** A Secret as `kubectl create secret generic` and a later `kubectl label/annotate` leave it. */
async function madeByHand(name: string, data: Record<string, string>) {
  const body = {
    metadata: {
      name,
      namespace: e2e.namespace,
      labels: { [SCENARIO]: name, old: "label" },
      annotations: { old: "note" },
    },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")])),
  };
  return e2e.core.createNamespacedSecret({ namespace: e2e.namespace, body });
}

describe.each([{ writeOnly: false }, { writeOnly: true }])("adopting (writeOnly: $writeOnly)", ({ writeOnly }) => {
  const name = `adopted-${writeOnly ? "wo" : "default"}`;
  const theirs = { a: fresh("theirs-a"), b: fresh("theirs-b") };
  let declared: Record<string, string> = { a: fresh("ours-a"), c: fresh("ours-c") };
  let stack: TestStack;
  let uid = "";
  let theirManagers: string[] = [];

  beforeAll(async () => {
    const made = await madeByHand(name, theirs);
    uid = made.metadata!.uid!;
    theirManagers = (made.metadata!.managedFields ?? []).map((m) => m.manager!);
    // In-place updates (enableSecretMutable), so that the removal below is an update of the adopted object.
    const config = { "kubernetes:enableSecretMutable": { value: "true" } };
    stack = await createStack({
      name,
      config,
      program: async () => {
        const lib = await importLibrary();
        const secret = new lib.Secret("adopter", {
          namespace: e2e.namespace,
          name,
          adopt: true,
          writeOnly,
          labels: { [SCENARIO]: name },
          stringData: { ...declared },
        });
        return { uid: secret.uid, keys: secret.keys };
      },
    });
  }, 60_000);

  it("previews which keys it adds, removes and changes, by name only, and changes nothing", async () => {
    const preview = await stack.preview();
    expect(preview.stdout).toContain(
      `adopts the existing Secret "${name}" in namespace "${e2e.namespace}" (uid ${uid})`,
    );
    expect(preview.stdout).toContain("keys added: c; removed: b; changed: a.");
    expect(findLeaks(preview.stdout + preview.stderr, [...Object.values(theirs), ...Object.values(declared)])).toEqual(
      [],
    );
    const live = await readSecret(e2e.core, e2e.namespace, name);
    expect(text(live!.data)).toEqual(theirs);
  }, 300_000);

  it("takes it over in place: same uid, never missing, exactly the declared data, labels and annotations", async () => {
    const { result, samples } = await whileSampling(e2e.core, e2e.namespace, `${SCENARIO}=${name}`, () => stack.up());
    expect(result.outputs["uid"]!.value).toBe(uid);
    expect(absence(samples, (s) => s.uid === uid).missing).toBe(0);
    const live = await readSecret(e2e.core, e2e.namespace, name);
    expect(live!.metadata!.uid).toBe(uid);
    expect(text(live!.data)).toEqual(declared);
    const labels = { ...live!.metadata!.labels };
    delete labels["kubesecret.dev/owner"];
    expect(labels).toEqual({ [SCENARIO]: name });
    expect(live!.metadata!.annotations ?? {}).toEqual({});
    // The tool that made it no longer claims any field (so it keeps no key alive).
    expect(theirManagers.length).toBeGreaterThan(0);
    const managers = (live!.metadata!.managedFields ?? []).map((m) => m.manager);
    for (const manager of theirManagers) expect(managers).not.toContain(manager);
    const exported = await decryptedExport(stack);
    expect(findLeaks(exported, Object.values(theirs))).toEqual([]);
    if (writeOnly) expect(findLeaks(exported, Object.values(declared))).toEqual([]);
  }, 300_000);

  it("removes a key the program stops declaring, in place", async () => {
    declared = { a: declared.a! };
    await stack.up();
    const live = await readSecret(e2e.core, e2e.namespace, name);
    expect(live!.metadata!.uid).toBe(uid);
    expect(text(live!.data)).toEqual(declared);
  }, 300_000);

  it("deletes it on destroy, as any Secret the stack manages", async () => {
    await stack.destroy();
    expect(await readSecret(e2e.core, e2e.namespace, name)).toBeUndefined();
  }, 300_000);
});

describe("adopt where nothing can be adopted", () => {
  it("creates the Secret when none has the name", async () => {
    const name = "adopt-nothing";
    const stack = await libraryStack(name, (lib) => {
      const secret = new lib.Secret("adopter", { namespace: e2e.namespace, name, adopt: true, stringData: { a: "1" } });
      return { uid: secret.uid };
    });
    const up = await stack.up();
    expect((await readSecret(e2e.core, e2e.namespace, name))!.metadata!.uid).toBe(up.outputs["uid"]!.value);
  }, 300_000);

  it("fails when the type differs, and leaves the Secret untouched", async () => {
    const name = "adopt-other-type";
    const before = await madeByHand(name, { a: fresh("theirs") });
    const stack = await libraryStack(name, (lib) => {
      const secret = new lib.BasicAuthSecret("adopter", {
        namespace: e2e.namespace,
        name,
        adopt: true,
        username: "u",
        password: fresh("pw"),
      });
      return { uid: secret.uid };
    });
    const failure = await stack.up().then(
      () => "",
      (err: unknown) => String(err),
    );
    expect(failure).toContain(
      `cannot adopt the Secret "${name}" in namespace "${e2e.namespace}": its type is "Opaque"`,
    );
    const after = await readSecret(e2e.core, e2e.namespace, name);
    expect(after!.metadata!.resourceVersion).toBe(before.metadata!.resourceVersion);
  }, 300_000);
});
