/**
 * kubesecret from Go (examples/go), as a Go user would have it: `pulumi package add` generates the
 * Go SDK (a module of its own under sdks/kubesecret) and links it into go.mod with a `replace`
 * (`pulumi install` does it again after a fresh clone); the program — a Secret with a generated
 * name that a Deployment reads and rolls on, and a TlsSecret — is built and run by our
 * pulumi-language-go through the real CLI. Checked: outputs equal the live objects, the state
 * file holds ciphertext only, a second `up` changes nothing, a new value rolls the Deployment (a
 * new ReplicaSet), and `destroy` removes everything.
 */
import fs from "node:fs";
import path from "node:path";
import type { V1Deployment } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import type { OutputMap } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadKubeConfig } from "../../tools/kube.ts";
import { makeTlsPair } from "../../tools/tls.ts";
import {
  type TestStack,
  canary,
  createStack,
  e2eContext,
  ensureLibraryBuilt,
  kube,
  pemBody,
  runPulumi,
  useE2E,
} from "./harness";
import * as lang from "./support/languages";
import { replicaSets, stillReplicaSets } from "./support/replicaSets";

const e2e = useE2E("go");
const APP = "kubesecret-go"; // the Deployment's app label
const SDK_MODULE = "example.com/pulumi-kubesecret/sdk/go";
/** Every secret value planted in this file, for the final scan of everything the CLI printed. */
const planted: string[] = [];
/** Values planted as plain configuration (the CLI lists those in its prelude event, by design). */
const plantedPlain: string[] = [];

async function liveDeployment(name: string): Promise<V1Deployment> {
  const { AppsV1Api } = await kube();
  const apps = loadKubeConfig(e2eContext().kubeconfigPath).makeApiClient(AppsV1Api);
  return apps.readNamespacedDeployment({ name, namespace: e2e.namespace });
}

/** The live Deployment reads the Secret `appConfig` names and carries its revision. */
async function expectDeploymentFollows(outputs: OutputMap) {
  const deployment = await liveDeployment(String(outputs.deploymentName?.value));
  const template = deployment.spec!.template;
  const appConfig = outputs.appConfig!.value as { name: string };
  expect(template.spec?.containers[0]?.envFrom?.[0]?.secretRef?.name).toBe(appConfig.name);
  expect(outputs.appConfigRevision?.value).toMatch(/^[0-9a-f]{32}$/);
  expect(template.metadata?.annotations?.["kubesecret/revision"]).toBe(outputs.appConfigRevision?.value);
}

describe("Go program (examples/go): pulumi package add, then the generated SDK", () => {
  const dbPassword = canary("db-password");
  const rotatedPassword = canary("db-password-rotated");
  const logLevel = canary("plain-log-level"); // plain config: only the component makes it secret
  let tls: { cert: string; key: string };
  let expected: lang.ExpectedSecret[];
  let workDir = "";
  let stack: TestStack;
  let outputs: OutputMap;

  beforeAll(async () => {
    await ensureLibraryBuilt();
    tls = makeTlsPair();
    expected = [
      lang.appConfigSecret("appConfig", { DB_PASSWORD: dbPassword, LOG_LEVEL: logLevel }),
      lang.webTlsSecret(tls),
    ];
    workDir = lang.copyExample("go", ["Pulumi.yaml", "main.go", "go.mod", "go.sum"]);
  });
  afterAll(() => lang.removeStackAndCopy(stack, workDir));

  it("pulumi package add generates a Go module SDK and links it into go.mod", async () => {
    await lang.addPackageFromRepo(workDir);
    const sdk = path.join(workDir, "sdks", "kubesecret");
    expect(fs.readFileSync(path.join(sdk, "go.mod"), "utf8").split("\n")).toContain(`module ${SDK_MODULE}`);
    for (const file of ["secret.go", "tlsSecret.go", "basicAuthSecret.go", "init.go"]) {
      expect(fs.existsSync(path.join(sdk, "kubesecret", file)), file).toBe(true);
    }
    expect(JSON.parse(fs.readFileSync(path.join(sdk, "kubesecret", "pulumi-plugin.json"), "utf8"))).toEqual({
      resource: true,
      name: "kubesecret",
      version: "0.1.0",
    });
    const gomod = fs.readFileSync(path.join(workDir, "go.mod"), "utf8").split("\n");
    expect(gomod).toContain(`replace ${SDK_MODULE} => ./sdks/kubesecret`);
    // `go mod tidy` (the install step) required it, since main.go imports it.
    expect(gomod.map((line) => line.trim())).toContain(`${SDK_MODULE} v0.0.0-00010101000000-000000000000`);
    // What the Go host reports to the CLI: the plugins the modules declare (GetRequiredPackages)
    // and the modules the program requires (GetProgramDependencies).
    const about = JSON.parse(await runPulumi(["about", "--json"], workDir)) as {
      plugins: { name: string; kind: string; version: string }[];
      dependencies: { name: string; version: string }[];
    };
    expect(about.plugins).toEqual([
      { name: "go", kind: "language", version: "3.276.0" },
      { name: "kubernetes", kind: "resource", version: "4.25.0" },
      { name: "kubesecret", kind: "resource", version: "0.1.0" },
    ]);
    expect(about.dependencies).toEqual([
      { name: SDK_MODULE, version: "" }, // replaced: the local directory is the version
      { name: "github.com/pulumi/pulumi-kubernetes/sdk/v4", version: "v4.25.0" },
      { name: "github.com/pulumi/pulumi/sdk/v3", version: "v3.276.0" },
    ]); // as pinned in go.mod
  });

  it("after a fresh clone (no sdks/), pulumi install regenerates the SDK and leaves go.mod as it is", async () => {
    const gomod = fs.readFileSync(path.join(workDir, "go.mod"), "utf8");
    fs.rmSync(path.join(workDir, "sdks"), { recursive: true });
    await runPulumi(["install"], workDir);
    expect(fs.existsSync(path.join(workDir, "sdks", "kubesecret", "kubesecret", "secret.go"))).toBe(true);
    expect(fs.readFileSync(path.join(workDir, "go.mod"), "utf8")).toBe(gomod);
  });

  it("deploys a Secret, a TlsSecret and a Deployment that reads the first; outputs equal the live objects", async () => {
    planted.push(dbPassword, rotatedPassword, pemBody(tls.key));
    plantedPlain.push(logLevel);
    stack = await createStack({
      name: "go",
      dir: workDir,
      config: lang.programConfig(
        e2e,
        { logLevel, tlsCert: tls.cert, skipAwait: "true" }, // skipAwait: no kubelet here, pods never start
        { dbPassword, tlsKey: tls.key },
      ),
    });
    // 7 created: stack, 2 components, 2 Secrets, the revision key (Stash), Deployment
    outputs = await lang.expectFirstUpMatchesCluster(e2e, stack, expected, { creates: 7, dataOutput: "appConfigData" });
    await expectDeploymentFollows(outputs);
    await replicaSets(e2e.namespace, APP, 1);
  });

  it("keeps only ciphertext in state, plain inputs included", () => {
    lang.expectCiphertextOnly(stack, [dbPassword, logLevel, pemBody(tls.key)]);
  });

  it("changes nothing on a second up", async () => {
    await lang.expectNoChangesOnSecondUp(e2e, stack, expected);
    await stillReplicaSets(e2e.namespace, APP, 1);
  });

  it("rolls the Deployment when a value changes: a new Secret, a new revision, a new ReplicaSet", async () => {
    await stack.setConfig({ dbPassword: { value: rotatedPassword, secret: true } });
    const result = await stack.up();
    expect(result.summary.result).toBe("succeeded");
    const rotated = await stack.outputs();
    const name = (o: OutputMap) => (o.appConfig!.value as { name: string }).name;
    expect(name(rotated)).not.toBe(name(outputs)); // replaced under a new generated name
    expect(rotated.appConfigRevision?.value).not.toBe(outputs.appConfigRevision?.value);
    expected[0]!.data = { ...expected[0]!.data, DB_PASSWORD: rotatedPassword };
    await lang.expectOutputsMatchCluster(e2e, rotated, expected);
    await expectDeploymentFollows(rotated);
    await replicaSets(e2e.namespace, APP, 2);
    lang.expectCiphertextOnly(stack, [dbPassword, rotatedPassword, logLevel, pemBody(tls.key)]);
    outputs = rotated;
  });

  it("removes both Secrets and the Deployment on destroy", async () => {
    await lang.expectDestroyRemovesSecrets(e2e, stack, outputs, expected);
    await expect(liveDeployment(String(outputs.deploymentName?.value))).rejects.toMatchObject({ code: 404 });
  });
});

it("printed no secret value in any operation of this file", () => {
  expect(planted).toHaveLength(3);
  lang.expectTranscriptClean(planted, plantedPlain);
});
