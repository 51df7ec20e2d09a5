/**
 * The rollout trigger, with the real deployment and replicaset controllers:
 * a Deployment whose pod template carries `rolloutAnnotations(secret)` gets a new ReplicaSet when
 * a value changes (in place, or by replacement) and none on a label change, a no-op `up` or a
 * `refresh`. Someone with the built-in `view` role sees the revision but cannot read the Secret,
 * and the revision's key never appears in clear anywhere.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addUser } from "../../tools/cluster/index.ts";
import { loadKubeConfig } from "../../tools/kube.ts";
import { type TestStack, e2eContext, eventually, findLeaks, kube, libraryStack, useE2E } from "./harness";
import { secretReader } from "./support/deployments";
import { observe } from "./support/observe";
import { replicaSets as replicaSetsIn, stillReplicaSets as stillIn } from "./support/replicaSets";
import { leakScanText } from "./support/scan";
import { providerOptions, PROVIDER_MODES } from "./support/secretMutable";

const e2e = useE2E("rollouts");
const stacks: TestStack[] = [];
const REVISION = "kubesecret/revision";
const replicaSets = (app: string, expected: number) => replicaSetsIn(e2e.namespace, app, expected);
const stillReplicaSets = (app: string, expected: number) => stillIn(e2e.namespace, app, expected);

interface Program {
  value: string;
  label: string;
  /** A provider with enableSecretMutable (in-place updates), or the default (replacement). */
  mutable: boolean;
}

/** A Secret with a generated name and a Deployment that rolls when its content changes. */
async function rolloutStack(id: string, program: () => Program) {
  const namespace = e2e.namespace;
  const stack = await libraryStack(id, async (lib) => {
    const k8s = await import("@pulumi/kubernetes");
    const p = program();
    const opts = providerOptions(k8s, p.mutable);
    const secret = new lib.Secret(
      "config",
      {
        namespace,
        generateName: `${id}-`,
        labels: { tier: p.label },
        stringData: { password: p.value },
        trackRevision: true,
      },
      opts,
    );
    const podAnnotations = lib.rolloutAnnotations(secret);
    const app = secretReader(k8s, { namespace, id, envFrom: lib.envFrom(secret), podAnnotations }, opts);
    return { revision: secret.revision, secretName: secret.name, deployment: app.metadata.name };
  });
  stacks.push(stack);
  return stack;
}

describe.each(PROVIDER_MODES)("a Deployment with rolloutAnnotations, $provider", ({ mutable }) => {
  it("rolls on a value change, and not on a label change, a no-op up or a refresh", async () => {
    const id = mutable ? "roll-mut" : "roll-rep";
    let program: Program = { value: "first", label: "a", mutable };
    const stack = await rolloutStack(id, () => program);
    const first = (await stack.up()).outputs;
    const rs1 = await replicaSets(id, 1);

    program = { ...program, label: "b" };
    const labelled = (await stack.up()).outputs;
    expect(labelled.revision?.value).toBe(first.revision?.value);
    await stillReplicaSets(id, 1);

    const noop = await stack.up();
    expect(noop.summary.resourceChanges).not.toHaveProperty("update");
    await stack.refresh();
    expect((await stack.outputs()).revision?.value).toBe(first.revision?.value);
    await stillReplicaSets(id, 1);

    program = { ...program, value: "second" };
    const rotated = (await stack.up()).outputs;
    expect(rotated.revision?.value).not.toBe(first.revision?.value);
    expect(rotated.secretName?.value === first.secretName?.value).toBe(mutable);
    const rs2 = await replicaSets(id, 2);
    expect(rs2).toEqual(expect.arrayContaining(rs1));
    await stillReplicaSets(id, 2);
    observe(`rollouts, ${mutable ? "in place" : "replacement"}`, { replicaSets: [rs1.length, rs2.length] });
  });
});

describe("the revision", () => {
  it("is visible to the view role, which cannot read the Secret", async () => {
    const clusterDir = e2eContext().clusterDir;
    expect(clusterDir, "the run started its own cluster (addUser needs its client CA)").toBeDefined();
    const client = await kube();
    const admin = loadKubeConfig(e2eContext().kubeconfigPath).makeApiClient(client.RbacAuthorizationV1Api);
    const user = `viewer-${e2eContext().runId}`;
    await admin.createNamespacedRoleBinding({
      namespace: e2e.namespace,
      body: {
        metadata: { name: user },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }],
      },
    });
    const viewer = loadKubeConfig((await addUser(clusterDir!, { name: user })).kubeconfigPath);
    const outputs = await stacks[0]!.outputs();
    const deployment = await eventually("the view role is bound", async () =>
      viewer
        .makeApiClient(client.AppsV1Api)
        .readNamespacedDeployment({ name: String(outputs.deployment?.value), namespace: e2e.namespace })
        .catch(() => undefined),
    );
    expect(deployment.spec?.template.metadata?.annotations?.[REVISION]).toBe(outputs.revision?.value);
    const core = viewer.makeApiClient(client.CoreV1Api);
    const name = String(outputs.secretName?.value);
    await expect(core.readNamespacedSecret({ name, namespace: e2e.namespace })).rejects.toMatchObject({ code: 403 });
    await expect(core.listNamespacedSecret({ namespace: e2e.namespace })).rejects.toMatchObject({ code: 403 });
  });

  it("differs for equal data in two Secrets, and is no unkeyed hash of it", async () => {
    const namespace = e2e.namespace;
    const stack = await libraryStack("roll-twins", (lib) => {
      const twin = (n: string) =>
        new lib.Secret(n, { namespace, stringData: { password: "hunter2" }, trackRevision: true }).revision;
      return { a: twin("twin-a"), b: twin("twin-b") };
    });
    stacks.push(stack);
    const { a, b } = (await stack.up()).outputs;
    expect(a?.value).toMatch(/^[0-9a-f]{32}$/);
    expect(a?.value).not.toBe(b?.value);
    const unkeyed = ["hunter2", "aHVudGVyMg==", "Opaquepasswordhunter2"].map((v) =>
      createHash("sha256").update(v).digest("hex"),
    );
    for (const hash of unkeyed) expect(hash.startsWith(String(a?.value))).toBe(false);
  });

  it("has a key that never appears in clear: state, CLI output, live objects", async () => {
    const keys: string[] = [];
    for (const stack of stacks) {
      const exported = JSON.stringify(await stack.stack.exportStack());
      for (const m of exported.matchAll(
        /pulumi:index:Stash[^{]*?"inputs":\{"input":\{[^}]*"plaintext":"\\"([A-Za-z0-9_-]{43})\\""/g,
      )) {
        keys.push(m[1]!);
      }
    }
    expect(keys.length, "one key per Secret with trackRevision").toBe(4);
    const client = await kube();
    const kc = loadKubeConfig(e2eContext().kubeconfigPath);
    const [secrets, deployments, replicaSets] = await Promise.all([
      kc.makeApiClient(client.CoreV1Api).listNamespacedSecret({ namespace: e2e.namespace }),
      kc.makeApiClient(client.AppsV1Api).listNamespacedDeployment({ namespace: e2e.namespace }),
      kc.makeApiClient(client.AppsV1Api).listNamespacedReplicaSet({ namespace: e2e.namespace }),
    ]);
    const { text, stateFiles } = leakScanText(stacks);
    const live = JSON.stringify([secrets.items, deployments.items, replicaSets.items]);
    expect(findLeaks(text, keys), `${stateFiles} state files and the CLI transcript`).toEqual([]);
    expect(findLeaks(live, keys), "live Secrets, Deployments and ReplicaSets").toEqual([]);
    observe("revision keys scanned", { keys: keys.length, stateFiles });
  });
});
