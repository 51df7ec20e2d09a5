/**
 * `writeOnly: true`, with the real CLI, engine, dynamic-provider host, provider and API
 * server: values reach the cluster and nothing else — not the state (decrypted export, history,
 * backups), not the CLI's output or engine events — while changes, no-ops, drift and deletion
 * behave as the issue lists them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type TestStack, decodeData, findLeaks, libraryStack, readSecret } from "./harness";
import { useBuiltLibraryE2E } from "./support/builtLibrary";
import { decryptedExport } from "./support/cli";
import { leakScanText } from "./support/scan";

const { e2e, planted, fresh } = useBuiltLibraryE2E("write-only");
const stacks: TestStack[] = [];

describe("a write-only Secret's life", () => {
  const values = { a: fresh("a"), b: fresh("b") };
  let stack: TestStack;
  let uid = "";
  let liveName = "";
  let withExtra = true;

  beforeAll(async () => {
    stack = await libraryStack("life", (lib) => {
      // A second Secret, later removed from the program.
      const extra = withExtra
        ? new lib.Secret("extra", {
            namespace: e2e.namespace,
            name: "wo-extra",
            writeOnly: true,
            stringData: { x: "1" },
          })
        : undefined;
      const secret = new lib.Secret("creds", {
        namespace: e2e.namespace,
        writeOnly: true,
        trackRevision: true,
        stringData: { ...values },
      });
      return {
        name: secret.name,
        namespace: secret.namespace,
        uid: secret.uid,
        resourceVersion: secret.resourceVersion,
        keys: secret.keys,
        type: secret.type,
        revision: secret.revision,
        extra: extra?.uid,
      };
    });
    stacks.push(stack);
  }, 60_000);

  it("creates the Secret with its data; the outputs equal the live object", async () => {
    const result = await stack.up();
    const outputs = result.outputs;
    liveName = outputs["name"]!.value as string;
    const live = await readSecret(e2e.core, e2e.namespace, liveName);
    expect(live).toBeDefined();
    uid = live!.metadata!.uid!;
    expect(decodeData(live!.data)["a"]!.toString()).toBe(values.a);
    expect(decodeData(live!.data)["b"]!.toString()).toBe(values.b);
    expect(outputs["uid"]!.value).toBe(uid);
    expect(outputs["resourceVersion"]!.value).toBe(live!.metadata!.resourceVersion);
    expect(outputs["keys"]!.value).toEqual(["a", "b"]);
    expect(outputs["type"]!.value).toBe("Opaque");
    expect(outputs["namespace"]!.value).toBe(e2e.namespace);
    expect(outputs["revision"]!.value).toMatch(/^[0-9a-f]{32}$/);
  }, 300_000);

  it("keeps no value in state, not even encrypted", async () => {
    const exported = await decryptedExport(stack);
    expect(exported).toContain("fingerprints");
    expect(findLeaks(exported, Object.values(values))).toEqual([]);
    expect(findLeaks(leakScanText(stacks).text, planted)).toEqual([]);
  }, 120_000);

  it("previews and applies no change as no change", async () => {
    const before = await readSecret(e2e.core, e2e.namespace, liveName);
    const preview = await stack.preview({ diff: true });
    expect(preview.changeSummary).not.toHaveProperty("update");
    expect(preview.changeSummary).not.toHaveProperty("create");
    await stack.up();
    const after = await readSecret(e2e.core, e2e.namespace, liveName);
    expect(after!.metadata!.resourceVersion).toBe(before!.metadata!.resourceVersion);
  }, 300_000);

  it("shows a changed key by name and writes it in place", async () => {
    const oldRevision = (await stack.outputs())["revision"]!.value;
    values.a = fresh("a2");
    const preview = await stack.preview({ diff: true });
    expect(preview.changeSummary["update"]).toBe(1);
    expect(preview.stdout).toMatch(/~\s+a:/);
    expect(preview.stdout).not.toMatch(/~\s+b:/);
    await stack.up();
    const live = await readSecret(e2e.core, e2e.namespace, liveName);
    expect(live!.metadata!.uid).toBe(uid);
    expect(decodeData(live!.data)["a"]!.toString()).toBe(values.a);
    expect((await stack.outputs())["revision"]!.value).not.toBe(oldRevision);
    expect(findLeaks(await decryptedExport(stack), Object.values(values))).toEqual([]);
  }, 300_000);

  it("finds a hand edit on refresh and restores the data on the next up", async () => {
    const live = await readSecret(e2e.core, e2e.namespace, liveName);
    const edited = { ...live!.data, b: Buffer.from("edited by hand").toString("base64"), extra: "eA==" };
    await e2e.core.replaceNamespacedSecret({
      namespace: e2e.namespace,
      name: liveName,
      body: { ...live!, data: edited },
    });
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges?.["update"]).toBe(1);
    await stack.up();
    const restored = await readSecret(e2e.core, e2e.namespace, liveName);
    expect(restored!.metadata!.uid).toBe(uid);
    expect(Object.keys(restored!.data!).sort()).toEqual(["a", "b"]);
    expect(decodeData(restored!.data)["b"]!.toString()).toBe(values.b);
  }, 300_000);

  it("deletes a Secret whose component leaves the program, and only that one", async () => {
    expect(await readSecret(e2e.core, e2e.namespace, "wo-extra")).toBeDefined();
    withExtra = false;
    await stack.up();
    expect(await readSecret(e2e.core, e2e.namespace, "wo-extra")).toBeUndefined();
    expect((await readSecret(e2e.core, e2e.namespace, liveName))!.metadata!.uid).toBe(uid);
  }, 300_000);

  it("deletes the Secret on a plain destroy", async () => {
    await stack.destroy();
    expect(await readSecret(e2e.core, e2e.namespace, liveName)).toBeUndefined();
  }, 300_000);
});
