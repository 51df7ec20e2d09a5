/**
 * The TypeScript examples with workloads (a Deployment pulling with, or consuming, the Secrets),
 * run as a user runs them, like examples.test.ts: from a copy outside the repository with the
 * packed package installed, through the real Node.js language host, against the local control
 * plane. The control plane has no nodes, so workloads are deployed with `skipAwait: true` (Pulumi
 * does not wait for pods that never start); its deployment controller still makes ReplicaSets.
 */
import type { AppsV1Api, V1Deployment } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestStack, canary, createStack, decodeData, e2eContext, kube, readSecret } from "./harness";
import { destroyAndExpectGone, endOfFileChecks, expectNoLeaks, useExamples } from "./support/examples";
import { replicaSets } from "./support/replicaSets";

const file = useExamples("examples-workloads", ["registry", "app", "rotation"]);
const { e2e, example, planted } = file;

let apps: AppsV1Api;
beforeAll(async () => {
  const k8s = await kube();
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(e2eContext().kubeconfigPath);
  apps = kc.makeApiClient(k8s.AppsV1Api);
});

function readDeployment(name: string): Promise<V1Deployment> {
  return apps.readNamespacedDeployment({ name, namespace: e2e.namespace });
}

describe("examples/registry: a DockerConfigSecret used as imagePullSecrets", () => {
  it("deploys the pull Secret and a Deployment that references its generated name", async () => {
    const password = canary("registry-password");
    planted.push(password);
    const stack = await createStack({
      name: "registry",
      dir: example("registry"),
      config: {
        namespace: { value: e2e.namespace },
        username: { value: "ci-bot" },
        password: { value: password, secret: true },
        skipAwait: { value: "true" },
      },
    });
    const result = await stack.up();
    expect(result.summary.result).toBe("succeeded");
    const pullSecretName = result.outputs.pullSecretName?.value as string;
    expect(pullSecretName).toMatch(/^registry-pull-[0-9a-f]{8}$/);

    const live = await readSecret(e2e.core, e2e.namespace, pullSecretName);
    expect(live?.type).toBe("kubernetes.io/dockerconfigjson");
    const config = JSON.parse(decodeData(live?.data)[".dockerconfigjson"]!.toString("utf8"));
    expect(config.auths["registry.example.com"]).toMatchObject({
      username: "ci-bot",
      password,
      auth: Buffer.from(`ci-bot:${password}`).toString("base64"),
    });

    const deployment = await readDeployment(result.outputs.deploymentName?.value as string);
    expect(deployment.spec?.template.spec?.imagePullSecrets).toEqual([{ name: pullSecretName }]);
    expectNoLeaks(stack, [password]);

    await destroyAndExpectGone(e2e, stack, [pullSecretName]);
  });
});

describe("examples/app: a Deployment consuming Secrets through envFrom(), envVar() and volume()", () => {
  const dbPassword = canary("db-password");
  const newDbPassword = canary("db-password-rotated");
  const apiToken = canary("api-token");
  let stack: TestStack;
  let names: { database: string; api: string; settings: string };
  let deploymentName: string;
  afterAll(() => stack?.remove());

  it("wires the generated Secret names into the pod template", async () => {
    planted.push(dbPassword, newDbPassword, apiToken);
    stack = await createStack({
      name: "app",
      dir: example("app"),
      config: {
        namespace: { value: e2e.namespace },
        dbPassword: { value: dbPassword, secret: true },
        apiToken: { value: apiToken, secret: true },
        skipAwait: { value: "true" },
      },
    });
    const result = await stack.up();
    expect(result.summary.result).toBe("succeeded");
    names = result.outputs.secretNames?.value as typeof names;
    deploymentName = result.outputs.deploymentName?.value as string;
    expect(names.database).toMatch(/^app-db-[0-9a-f]{8}$/);
    expect(names.api).toMatch(/^app-api-[0-9a-f]{8}$/);
    expect(names.settings).toMatch(/^app-settings-[0-9a-f]{8}$/);

    const pod = (await readDeployment(deploymentName)).spec!.template.spec!;
    const container = pod.containers[0]!;
    expect(container.envFrom).toEqual([{ secretRef: { name: names.api } }]);
    expect(container.env).toEqual([
      { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: names.database, key: "password" } } },
      { name: "DB_USER", valueFrom: { secretKeyRef: { name: names.database, key: "username" } } },
    ]);
    // toMatchObject: the API server adds the volume's defaultMode.
    expect(pod.volumes).toMatchObject([
      {
        name: "settings",
        secret: { secretName: names.settings, items: [{ key: "settings.json", path: "settings.json", mode: 0o400 }] },
      },
    ]);

    const db = decodeData((await readSecret(e2e.core, e2e.namespace, names.database))?.data);
    expect(db["password"]?.toString()).toBe(dbPassword);
    expect(db["username"]?.toString()).toBe("app");
    const api = decodeData((await readSecret(e2e.core, e2e.namespace, names.api))?.data);
    expect(api["API_TOKEN"]?.toString()).toBe(apiToken);
    const settings = decodeData((await readSecret(e2e.core, e2e.namespace, names.settings))?.data);
    expect(JSON.parse(settings["settings.json"]!.toString())).toEqual({ token: apiToken });
    expectNoLeaks(stack, [dbPassword, apiToken]);
  });

  it("rolls the Deployment onto a new database Secret when dbPassword changes", async () => {
    const before = await readDeployment(deploymentName);
    await stack.setConfig({ dbPassword: { value: newDbPassword, secret: true } });
    const result = await stack.up();
    expect(result.summary.result).toBe("succeeded");
    const after = result.outputs.secretNames?.value as typeof names;

    // A new database Secret under a new name (created before the old one was deleted); the
    // other two are untouched.
    expect(after.database).toMatch(/^app-db-[0-9a-f]{8}$/);
    expect(after.database).not.toBe(names.database);
    expect(after.api).toBe(names.api);
    expect(after.settings).toBe(names.settings);
    expect(await readSecret(e2e.core, e2e.namespace, names.database), "old database Secret deleted").toBeUndefined();
    const db = decodeData((await readSecret(e2e.core, e2e.namespace, after.database))?.data);
    expect(db["password"]?.toString()).toBe(newDbPassword);

    // The pod template now references the new name: a new generation, i.e. a rollout.
    const deployment = await readDeployment(deploymentName);
    const refs = deployment.spec!.template.spec!.containers[0]!.env!.map((e) => e.valueFrom?.secretKeyRef?.name);
    expect(refs).toEqual([after.database, after.database]);
    expect(deployment.metadata!.generation).toBeGreaterThan(before.metadata!.generation!);
    expectNoLeaks(stack, [dbPassword, newDbPassword, apiToken]);
    names = after;
  });

  it("removes the Secrets on destroy", () => destroyAndExpectGone(e2e, stack, Object.values(names)));
});

describe("examples/rotation: rotate a value in place and roll the Deployment", () => {
  const [first, second] = [canary("rotation-pw"), canary("rotation-pw-2")];
  let stack: TestStack;
  afterAll(() => stack?.remove());

  it("rolls exactly once per rotated value, keeping the Secret", async () => {
    planted.push(first, second);
    stack = await createStack({
      name: "example-rotation",
      dir: example("rotation"),
      config: {
        namespace: { value: e2e.namespace },
        dbPassword: { value: first, secret: true },
        skipAwait: { value: "true" },
      },
    });
    const before = (await stack.up()).outputs;
    await replicaSets(e2e.namespace, "rotation", 1);
    await stack.setConfig({ dbPassword: { value: second, secret: true } });
    const after = (await stack.up()).outputs;
    expect(after.secretUid?.value).toBe(before.secretUid?.value);
    expect(after.revision?.value).not.toBe(before.revision?.value);
    await replicaSets(e2e.namespace, "rotation", 2);
    const live = decodeData((await readSecret(e2e.core, e2e.namespace, String(after.secretName?.value)))?.data);
    expect(live["password"]?.toString()).toBe(second);
    expectNoLeaks(stack, [first, second]);
  });
});

endOfFileChecks(file);
