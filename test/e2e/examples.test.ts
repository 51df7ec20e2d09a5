/**
 * The TypeScript examples, run as a user runs them: each program imports "kubesecret", and runs
 * from a copy outside the repository with the package packed by `npm pack` and installed from its
 * tarball (tools/examples.ts), through the real Node.js language host (ts-node), against the local
 * control plane; outputs are checked against the live objects, then destroyed. The control plane
 * has no nodes, so workloads are deployed with `skipAwait: true` (Pulumi does not wait for pods
 * that never start); its deployment controller still makes ReplicaSets.
 *
 * The quick start (examples/quickstart) is deployed end to end by `npm run demo`; here it is
 * previewed only.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { AppsV1Api, V1Deployment } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InstalledExamples, installExamples } from "../../tools/examples.ts";
import { REPO_ROOT } from "../../tools/repo.ts";
import { makeTlsPair } from "../../tools/tls.ts";
import {
  type TestStack,
  canary,
  createStack,
  decodeData,
  e2eContext,
  findLeaks,
  kube,
  pemBody,
  readSecret,
  transcriptText,
  useE2E,
} from "./harness";
import { replicaSets } from "./support/replicaSets";

/** Every TypeScript example, each run below. */
const EXAMPLES = ["quickstart", "tls", "registry", "app", "files", "rotation"];
let installed: InstalledExamples | undefined;
const example = (name: string) => installed!.dir(name);
// Registered before useE2E's hooks, so it runs after them (vitest runs afterAll hooks in reverse):
// stacks left over are destroyed from their program directories first.
afterAll(() => installed?.remove());
const e2e = useE2E("examples");
/** Every secret value planted in this file, for the final scan of everything the CLI printed. */
const planted: string[] = [];

let apps: AppsV1Api;
beforeAll(async () => {
  installed = await installExamples(EXAMPLES);
  console.log(`examples installed in ${installed.root} (${installed.library.tarballBytes} bytes packed)`);
  const k8s = await kube();
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(e2eContext().kubeconfigPath);
  apps = kc.makeApiClient(k8s.AppsV1Api);
});

function readDeployment(name: string): Promise<V1Deployment> {
  return apps.readNamespacedDeployment({ name, namespace: e2e.namespace });
}

/** The stack's up result succeeded, and neither its state nor its output shows any of `values`. */
function expectNoLeaks(stack: TestStack, values: string[]) {
  expect(findLeaks(stack.rawState(), values), "secret values in the state file").toEqual([]);
  expect(findLeaks(stack.text(), values), "secret values in CLI output").toEqual([]);
}

/** Destroys the stack and checks that the named Secrets are gone. */
async function destroyAndExpectGone(stack: TestStack, secretNames: string[]) {
  const destroyed = await stack.destroy();
  expect(destroyed.summary.result).toBe("succeeded");
  for (const name of secretNames) {
    expect(await readSecret(e2e.core, e2e.namespace, name), `${name} gone`).toBeUndefined();
  }
  await stack.remove();
}

describe("examples/quickstart (the demo's program)", () => {
  it("previews a namespace, an Opaque Secret and a basic-auth Secret", async () => {
    const stack = await createStack({
      name: "quickstart",
      dir: example("quickstart"),
      config: { namespace: { value: `ks-quickstart-${e2eContext().runId}` } },
    });
    try {
      const preview = await stack.preview();
      // The stack, the Namespace, two components and their two Secrets; no TLS Secret unconfigured.
      expect(preview.changeSummary).toEqual({ create: 6 });
      expect(stack.text()).toContain("kubesecret:index:BasicAuthSecret");
    } finally {
      await stack.remove();
    }
  });
});

describe("examples/tls: a TlsSecret from PEM files", () => {
  let certDir = "";
  afterAll(() => fs.rmSync(certDir, { recursive: true, force: true }));

  it("deploys the certificate and key byte for byte; outputs equal the live Secret", async () => {
    // A throwaway certificate, only ever in a temp dir.
    const tls = makeTlsPair();
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-tls-example-"));
    const certFile = path.join(certDir, "tls.crt");
    const keyFile = path.join(certDir, "tls.key");
    fs.writeFileSync(certFile, tls.cert);
    fs.writeFileSync(keyFile, tls.key, { mode: 0o600 });
    const keyBody = pemBody(tls.key);
    planted.push(keyBody);

    const stack = await createStack({
      name: "tls",
      dir: example("tls"),
      config: {
        namespace: { value: e2e.namespace },
        certFile: { value: certFile },
        keyFile: { value: keyFile },
      },
    });
    const result = await stack.up();
    expect(result.summary.result).toBe("succeeded");
    const out = result.outputs;
    const name = out.name?.value as string;
    expect(name).toMatch(/^web-tls-[0-9a-f]{8}$/);
    const live = await readSecret(e2e.core, e2e.namespace, name);
    expect(live?.type).toBe("kubernetes.io/tls");
    expect(live?.metadata?.uid).toBe(out.uid?.value);
    expect(live?.metadata?.resourceVersion).toBe(out.resourceVersion?.value);
    expect(out.keys?.value).toEqual(["tls.crt", "tls.key"]);
    const data = decodeData(live?.data);
    expect(data["tls.crt"]?.equals(fs.readFileSync(certFile))).toBe(true);
    expect(data["tls.key"]?.equals(fs.readFileSync(keyFile))).toBe(true);
    expectNoLeaks(stack, [keyBody]);

    await destroyAndExpectGone(stack, [name]);
  });
});

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

    await destroyAndExpectGone(stack, [pullSecretName]);
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

  it("removes the Secrets on destroy", () => destroyAndExpectGone(stack, Object.values(names)));
});

describe("examples/files: an Opaque Secret from an env file and a directory", () => {
  it("stores each line of app.env and each file of config/ byte for byte; outputs equal the live Secret", async () => {
    const stack = await createStack({
      name: "files",
      dir: example("files"),
      config: { namespace: { value: e2e.namespace } },
    });
    const { outputs, summary } = await stack.up();
    expect(summary.result).toBe("succeeded");
    const name = outputs.name?.value as string;
    expect(name).toMatch(/^app-settings-[0-9a-f]{8}$/);
    expect(outputs.keys?.value).toEqual(["FEATURE_FLAGS", "GREETING", "LOG_LEVEL", "pixel.gif", "settings.json"]);
    const live = await readSecret(e2e.core, e2e.namespace, name);
    expect(live?.metadata?.uid).toBe(outputs.uid?.value);
    const data = decodeData(live?.data);
    expect(data["GREETING"]?.toString()).toBe('"hello, world"');
    expect(data["FEATURE_FLAGS"]?.toString()).toBe("search=on,beta=off");
    for (const file of ["pixel.gif", "settings.json"]) {
      expect(data[file]?.equals(fs.readFileSync(path.join(example("files"), "config", file))), file).toBe(true);
    }
    await destroyAndExpectGone(stack, [name]);
  });
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

it("runs each example against the installed package: every module resolves inside the scratch project", () => {
  const root = fs.realpathSync(installed!.root);
  expect(path.relative(REPO_ROOT, root).startsWith(".."), `${root} is outside the repository`).toBe(true);
  for (const name of EXAMPLES) {
    const resolve = createRequire(path.join(example(name), "index.ts")).resolve;
    for (const module of ["kubesecret", "@pulumi/pulumi", "@pulumi/kubernetes", "typescript"]) {
      expect(fs.realpathSync(resolve(module)).startsWith(`${root}/`), `${name}: ${module}`).toBe(true);
    }
  }
  expect(installed!.library.tarballSha256).toMatch(/^[0-9a-f]{64}$/);
});

it("printed no secret value in any operation of this file", () => {
  const transcript = transcriptText();
  expect(transcript).toContain("### destroy");
  expect(findLeaks(transcript, planted)).toEqual([]);
});
