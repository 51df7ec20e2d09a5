/**
 * `writeOnly: true` writes to the cluster of the component's Kubernetes provider, with the real
 * CLI, engine, provider and API server. Every kubeconfig here has two contexts:
 * the current one points at a decoy server that counts connections, the other (`test`) at the
 * test cluster; a write that followed the wrong context would reach the decoy, so "never another
 * cluster" is observed (0 connections), not assumed. Cases: the default provider with stack
 * config `kubernetes:context` / `kubernetes:namespace` over an ambient `KUBECONFIG`; an explicit
 * `k8s.Provider` given as `provider`, in `providers` and through a parent, its kubeconfig as text
 * and as a path, with `context` and `namespace`; a provider whose kubeconfig is unknown at
 * preview; a provider rendering YAML to a directory (refused; nothing written).
 */
import fs from "node:fs";
import path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNamespace, decodeData, deleteNamespace, findLeaks, libraryStack, readSecret } from "./harness";
import { useBuiltLibraryE2E } from "./support/builtLibrary";
import { useExtraNamespaces } from "./support/extraNamespaces";
import { pendingOperations } from "./support/faults";
import {
  DecoyCluster,
  WRITE_ONLY_TYPE,
  credentialOf,
  failedUp,
  ownedSecrets,
  stateUids,
  twoContextKubeconfig,
  uidsOf,
  writeKubeconfig,
  writeOnlyInState,
} from "./support/writeOnly";

const { e2e, fresh } = useBuiltLibraryE2E("wo-providers");
const ctx = e2e.context;
const decoy = new DecoyCluster();
/** The provider's default namespace, different from the Secrets' explicit one. */
let otherNamespace = "";
let kubeconfigText = "";
let kubeconfigPath = "";

const extraNamespace = useExtraNamespaces(e2e);

beforeAll(async () => {
  const server = await decoy.start();
  otherNamespace = await extraNamespace(`wo-providers-other-${ctx.runId}`);
  kubeconfigText = twoContextKubeconfig(ctx.kubeconfigPath, server);
  kubeconfigPath = writeKubeconfig(path.join(ctx.runDir, "wo-providers"), "two-contexts.yaml", kubeconfigText);
  // The program's ambient kubeconfig points at the decoy: only a provider's settings lead to the cluster.
  process.env["KUBECONFIG"] = kubeconfigPath;
}, 300_000);
afterAll(async () => {
  delete process.env["KUBECONFIG"];
  await decoy.close();
});

/** `{ token }` of the live Secret `namespace/name`. */
async function liveToken(namespace: string, name: string): Promise<string | undefined> {
  return decodeData((await readSecret(e2e.core, namespace, name))?.data)["token"]?.toString();
}

describe("the default provider", () => {
  it("follows stack config kubernetes:context and kubernetes:namespace over KUBECONFIG, in up, refresh and destroy", async () => {
    const value = fresh("default");
    const stack = await libraryStack("default-provider", (lib) => {
      const secret = new lib.Secret("wo", { name: "by-default", writeOnly: true, stringData: { token: value } });
      return { namespace: secret.namespace };
    });
    await stack.setConfig({
      "kubernetes:context": { value: "test" },
      "kubernetes:namespace": { value: otherNamespace },
    });
    // The CLI (and so the provider process) sees it too, as the inline program does.
    stack.stack.workspace.envVars["KUBECONFIG"] = kubeconfigPath;
    try {
      const result = await stack.up();
      expect(result.outputs["namespace"]!.value).toBe(otherNamespace);
      expect(await liveToken(otherNamespace, "by-default")).toBe(value);
      expect(Object.keys((await stack.preview()).changeSummary), "a no-op preview").toEqual(["same"]);
      const refresh = await stack.refresh();
      expect(refresh.summary.resourceChanges).not.toHaveProperty("update");
      await stack.destroy();
      expect(await readSecret(e2e.core, otherNamespace, "by-default")).toBeUndefined();
    } finally {
      stack.stack.workspace.envVars["KUBECONFIG"] = ctx.env["KUBECONFIG"]!;
    }
    expect(decoy.connections, "connections to the other cluster").toBe(0);
  });
});

describe("an explicit k8s.Provider", () => {
  it("is followed given as provider, in providers and through a parent; text or path; context and namespace", async () => {
    const namespace = e2e.namespace;
    const values = { text: fresh("text"), path: fresh("path"), parent: fresh("parent") };
    const stack = await libraryStack("explicit", (lib) => {
      const byText = new k8s.Provider("by-text", { kubeconfig: kubeconfigText, context: "test" });
      const byPath = new k8s.Provider("by-path", {
        kubeconfig: kubeconfigPath,
        context: "test",
        namespace: otherNamespace,
      });
      const ofParent = new k8s.Provider("of-parent", {
        kubeconfig: pulumi.secret(kubeconfigText),
        context: "test",
        namespace: otherNamespace,
      });
      const token = (value: string) => ({ writeOnly: true, stringData: { token: value } });
      new lib.Secret("as-provider", { namespace, name: "as-provider", ...token(values.text) }, { provider: byText });
      new lib.Secret("in-providers", { name: "in-providers", ...token(values.path) }, { providers: [byPath] });
      const parent = new pulumi.ComponentResource(
        "test:index:Parent",
        "parent",
        {},
        { providers: { kubernetes: ofParent } },
      );
      new lib.Secret("through-parent", { name: "through-parent", ...token(values.parent) }, { parent });
      return {};
    });
    await stack.up();
    expect(await liveToken(namespace, "as-provider")).toBe(values.text);
    expect(await liveToken(otherNamespace, "in-providers")).toBe(values.path);
    expect(await liveToken(otherNamespace, "through-parent")).toBe(values.parent);
    const live = uidsOf([
      ...(await ownedSecrets(e2e.core, namespace)),
      ...(await ownedSecrets(e2e.core, otherNamespace)),
    ]);
    expect(stateUids(stack)).toEqual(live);
    expect(findLeaks(stack.text(), Object.values(values))).toEqual([]);
    // The settings are stored encrypted with each Secret: the kubeconfig's credential is not in clear there.
    const records = JSON.stringify(
      stack.state().checkpoint.latest.resources.filter((r: { type: string }) => r.type === WRITE_ONLY_TYPE),
    );
    expect(findLeaks(records, [credentialOf(ctx.kubeconfigPath)])).toEqual([]);
    const preview = await stack.preview({ diff: true });
    console.log(`[wo-providers] preview with nothing changed:\n${preview.stdout}`);
    expect(Object.keys(preview.changeSummary), "a no-op preview").toEqual(["same"]);
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).not.toHaveProperty("update");
    await stack.destroy();
    expect(await ownedSecrets(e2e.core, otherNamespace)).toEqual([]);
    expect(await readSecret(e2e.core, namespace, "as-provider")).toBeUndefined();
    expect(decoy.connections, "connections to the other cluster").toBe(0);
  });

  it("whose kubeconfig is unknown at preview: the preview shows the Secret with unknowns and writes nothing; up writes it", async () => {
    const namespace = e2e.namespace;
    const value = fresh("late");
    const stack = await libraryStack("late-kubeconfig", (lib) => {
      // Known only once the ConfigMap exists (its id): unknown in the first preview. (Its
      // metadata.uid would not do: pulumi-kubernetes previews metadata as known, without a uid.)
      const gate = new k8s.core.v1.ConfigMap("gate", { metadata: { namespace }, data: { a: "b" } });
      const late = new k8s.Provider("late", {
        kubeconfig: gate.id.apply(() => kubeconfigText),
        context: "test",
      });
      new lib.Secret(
        "late",
        { namespace, name: "late", writeOnly: true, stringData: { token: value } },
        { provider: late },
      );
      return {};
    });
    const preview = await stack.preview({ diff: true });
    console.log(`[wo-providers] preview with an unknown kubeconfig:\n${preview.stdout}`);
    expect(preview.changeSummary["create"]).toBeGreaterThanOrEqual(4);
    expect(preview.stdout).toMatch(/\+ pulumi-nodejs:dynamic\/kubesecret:WriteOnlySecret/);
    expect(preview.stdout).toMatch(/fingerprints\s*: \[unknown\]/);
    expect(await readSecret(e2e.core, namespace, "late")).toBeUndefined();
    await stack.up();
    expect(await liveToken(namespace, "late")).toBe(value);
    expect(writeOnlyInState(stack)).toHaveLength(1);
    // Once the ConfigMap exists, its id (and so the kubeconfig) is known in a preview.
    expect(Object.keys((await stack.preview()).changeSummary), "a no-op preview").toEqual(["same"]);
    await stack.destroy();
    expect(decoy.connections, "connections to the other cluster").toBe(0);
  });

  it("rendering YAML to a directory: preview and up fail with a clear error; nothing written anywhere", async () => {
    const namespace = await createNamespace(e2e.core, `wo-render-${ctx.runId}`);
    const dir = path.join(ctx.runDir, "wo-render");
    const value = fresh("render");
    try {
      const stack = await libraryStack("render", (lib) => {
        // Without a kubeconfig: pulumi-kubernetes itself refuses one beside renderYamlToDirectory.
        delete process.env["KUBECONFIG"];
        const render = new k8s.Provider("render", { renderYamlToDirectory: dir });
        process.env["KUBECONFIG"] = kubeconfigPath;
        new lib.Secret(
          "rendered",
          { namespace, name: "rendered", writeOnly: true, stringData: { token: value } },
          {
            provider: render,
          },
        );
        return {};
      });
      const previewError = await stack.preview().then(
        () => "succeeded",
        (err: unknown) => String(err),
      );
      const message = await failedUp(stack);
      for (const text of [previewError, message]) {
        expect(text).toMatch(/cannot follow the provider's renderYamlToDirectory setting/);
        expect(findLeaks(text, [value])).toEqual([]);
      }
      expect((await e2e.core.listNamespacedSecret({ namespace })).items, "no Secret, no fingerprint key").toEqual([]);
      const rendered = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }) : [];
      expect(rendered.filter((f) => String(f).endsWith(".yaml"))).toEqual([]);
      expect(writeOnlyInState(stack)).toEqual([]);
      expect(pendingOperations(stack)).toEqual([]);
    } finally {
      await deleteNamespace(e2e.core, namespace);
    }
  });
});
