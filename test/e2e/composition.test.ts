/**
 * Workloads that consume kubesecret components through `envFrom()`, `envVar()` and `volume()`
 * (and `name` for imagePullSecrets): the Deployment on the cluster references the real Secret
 * name, a generated one included, and follows a replacement.
 *
 * Two Deployments (no kubelet here: `pulumi.com/skipAwait`), one per naming:
 *   - `rolling` uses a generated name: a value change creates a new Secret, the Deployment's pod
 *     template switches to the new name (a rollout), then the old Secret is deleted;
 *   - `pinned` uses a fixed name: the Secret is deleted and re-created under the same name, and
 *     the engine replaces the Deployment too, deleting it before the Secret (see the test).
 */
import type { AppsV1Api, V1Deployment } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import * as k8s from "@pulumi/kubernetes";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestStack, canaryJar, createStack, findLeaks, importLibrary, kube, readSecret, useE2E } from "./harness";
import { SECRET_TYPE, observe, recordSteps } from "./support/observe";
import { leakScanText } from "./support/scan";

const e2e = useE2E("composition");
const { planted: canaries, fresh } = canaryJar();

const values = { rolling: fresh("rolling"), pinned: fresh("pinned"), registry: fresh("registry") };
const DEPLOYMENT_TYPE = "kubernetes:apps/v1:Deployment";

let apps: AppsV1Api;
let stack: TestStack;
let created: OutputMap;

/** A Deployment that takes one Secret in every way the helpers offer. */
function deployment(
  lib: typeof import("../../src/index.js"),
  name: string,
  namespace: string,
  secret: import("../../src/index.js").Secret,
  pullSecretName?: k8s.types.input.core.v1.LocalObjectReference["name"],
) {
  return new k8s.apps.v1.Deployment(name, {
    metadata: { namespace, name, annotations: { "pulumi.com/skipAwait": "true" } },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          ...(pullSecretName ? { imagePullSecrets: [{ name: pullSecretName }] } : {}),
          containers: [
            {
              name: "app",
              image: "registry.kubesecret.test:5000/app:1",
              envFrom: [lib.envFrom(secret, "CFG_")],
              env: [lib.envVar(secret, "DB_PASSWORD", "password")],
              volumeMounts: [{ name: "config", mountPath: "/etc/app", readOnly: true }],
            },
          ],
          volumes: [lib.volume(secret, "config", [{ key: "config.yaml", path: "app.yaml", mode: 0o400 }])],
        },
      },
    },
  });
}

beforeAll(async () => {
  const client = await kube();
  const kc = new client.KubeConfig();
  kc.loadFromFile(e2e.context.kubeconfigPath);
  apps = kc.makeApiClient(client.AppsV1Api);

  const namespace = e2e.namespace;
  stack = await createStack({
    name: "composition",
    program: async () => {
      const lib = await importLibrary();
      const config = (value: string) => ({ password: value, "config.yaml": `password: ${value}\n` });
      const rolling = new lib.Secret("rolling", {
        namespace,
        generateName: "web-config-",
        stringData: config(values.rolling),
      });
      const pinned = new lib.Secret("pinned", { namespace, name: "web-pinned", stringData: config(values.pinned) });
      const pull = new lib.DockerConfigSecret("pull", {
        namespace,
        generateName: "pull-",
        registries: [{ server: "registry.kubesecret.test:5000", username: "bot", password: values.registry }],
      });
      deployment(lib, "rolling", namespace, rolling, pull.name);
      deployment(lib, "pinned", namespace, pinned);
      return { rolling: rolling.name, pinned: pinned.name, pull: pull.name };
    },
  });
  const up = await stack.up();
  expect(up.summary.result).toBe("succeeded");
  created = up.outputs;
});

const readDeployment = (name: string) => apps.readNamespacedDeployment({ namespace: e2e.namespace, name });

/** Every Secret name a Deployment's pod template refers to, by where. */
function secretReferences(d: V1Deployment) {
  const pod = d.spec?.template.spec;
  const container = pod?.containers[0];
  return {
    envFrom: container?.envFrom?.map((e) => e.secretRef?.name),
    envFromPrefix: container?.envFrom?.map((e) => e.prefix),
    env: container?.env?.map((e) => [e.name, e.valueFrom?.secretKeyRef?.name, e.valueFrom?.secretKeyRef?.key]),
    volume: pod?.volumes?.map((v) => [v.name, v.secret?.secretName, v.secret?.items]),
    imagePullSecrets: pod?.imagePullSecrets?.map((r) => r.name),
  };
}

function expectReferences(d: V1Deployment, secretName: string, pullSecretName?: string) {
  expect(secretReferences(d)).toEqual({
    envFrom: [secretName],
    envFromPrefix: ["CFG_"],
    env: [["DB_PASSWORD", secretName, "password"]],
    volume: [["config", secretName, [{ key: "config.yaml", path: "app.yaml", mode: 0o400 }]]],
    imagePullSecrets: pullSecretName ? [pullSecretName] : undefined,
  });
}

describe("a Deployment using the helpers", () => {
  it("references the generated names of its Secret and its pull secret", async () => {
    const name = created.rolling?.value as string;
    const pull = created.pull?.value as string;
    expect(name).toMatch(/^web-config-[0-9a-f]{8}$/);
    expect(pull).toMatch(/^pull-[0-9a-f]{8}$/);
    expect(await readSecret(e2e.core, e2e.namespace, name)).toBeDefined();
    expect((await readSecret(e2e.core, e2e.namespace, pull))?.type).toBe("kubernetes.io/dockerconfigjson");
    expectReferences(await readDeployment("rolling"), name, pull);
  });

  it("references a fixed name", async () => {
    expect(created.pinned?.value).toBe("web-pinned");
    expectReferences(await readDeployment("pinned"), "web-pinned");
  });
});

describe("after a value change", () => {
  let steps: ReturnType<typeof recordSteps>;
  let changed: OutputMap;
  const before: Record<string, V1Deployment> = {};

  beforeAll(async () => {
    before.rolling = await readDeployment("rolling");
    before.pinned = await readDeployment("pinned");
    values.rolling = fresh("rolling-changed");
    values.pinned = fresh("pinned-changed");
    steps = recordSteps();
    const up = await stack.up({ onEvent: steps.onEvent });
    expect(up.summary.result).toBe("succeeded");
    changed = up.outputs;
    observe("value change of both Secrets", steps.summary());
  });

  it("rolls the Deployment to the new generated name between creating it and deleting the old Secret", async () => {
    const oldName = created.rolling?.value as string;
    const newName = changed.rolling?.value as string;
    expect(newName).toMatch(/^web-config-[0-9a-f]{8}$/);
    expect(newName).not.toBe(oldName);

    const after = await readDeployment("rolling");
    expectReferences(after, newName, created.pull?.value as string);
    expect(after.metadata?.uid, "updated in place").toBe(before.rolling!.metadata?.uid);
    expect(after.metadata?.generation, "a new pod template: a rollout").toBe(before.rolling!.metadata!.generation! + 1);

    expect(steps.ops(DEPLOYMENT_TYPE, "rolling")).toEqual(["update"]);
    const secretCreated = steps.indexOf("create-replacement", SECRET_TYPE, "web-config", "done");
    const deploymentUpdated = steps.indexOf("update", DEPLOYMENT_TYPE, "rolling", "pre");
    const oldDeleted = steps.indexOf("delete-replaced", SECRET_TYPE, "web-config", "pre");
    expect(secretCreated).toBeGreaterThanOrEqual(0);
    expect(secretCreated).toBeLessThan(deploymentUpdated);
    expect(steps.indexOf("update", DEPLOYMENT_TYPE, "rolling", "done")).toBeLessThan(oldDeleted);
    expect(await readSecret(e2e.core, e2e.namespace, oldName)).toBeUndefined();
  });

  it("replaces the Deployment of a fixed-name Secret, deleting it before the Secret", async () => {
    // The Secret keeps its name, so nothing in the pod template changes; but it is replaced
    // delete-before-create, and before deleting it the engine deletes the dependents that
    // would have to be replaced if the Secret's outputs were unknown (Pulumi's eager handling
    // of delete-before-replace). The Deployment depends on it through `spec` and is one of
    // them: no replacement keys are reported for it, it is replaced as a dependent.
    const after = await readDeployment("pinned");
    expectReferences(after, "web-pinned");
    expect(after.metadata?.uid, "a new Deployment object").not.toBe(before.pinned!.metadata?.uid);
    expect(steps.ops(DEPLOYMENT_TYPE, "pinned")).toEqual(["delete-replaced", "replace", "create-replacement"]);
    expect(steps.ops(SECRET_TYPE, "pinned")).toEqual(["delete-replaced", "replace", "create-replacement"]);
    const order = [
      steps.indexOf("delete-replaced", DEPLOYMENT_TYPE, "pinned", "done"),
      steps.indexOf("delete-replaced", SECRET_TYPE, "pinned", "pre"),
      steps.indexOf("create-replacement", SECRET_TYPE, "pinned", "done"),
      steps.indexOf("create-replacement", DEPLOYMENT_TYPE, "pinned", "pre"),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    const replaced = steps.steps.find((s) => s.type === DEPLOYMENT_TYPE && s.name === "pinned" && s.op === "replace");
    observe("replacement keys reported for the pinned Deployment", replaced?.replaceKeys ?? "none reported");
    expect(
      [...order].sort((a, b) => a - b),
      "Deployment deleted, Secret deleted, Secret created, Deployment created",
    ).toEqual(order);
  });

  it("leaves the pull secret alone", () => {
    expect(changed.pull?.value).toBe(created.pull?.value);
    expect(steps.opOf(SECRET_TYPE, "pull")).toBe("same");
  });
});

describe("secrecy", () => {
  it("printed and stored no secret value in any operation of this file", () => {
    const { text } = leakScanText([stack]);
    expect(text).toContain("### up");
    expect(findLeaks(text, canaries)).toEqual([]);
  });
});
