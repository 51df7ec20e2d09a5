/**
 * kubesecret used from other languages, as a new user would: the repository is a source-based
 * component package (PulumiPlugin.yaml), which the YAML program (examples/yaml) declares under
 * `packages:` and the Python program (examples/python) gets through `pulumi package add`, whose
 * generated SDK it imports. Each program is deployed to the local control plane by the real CLI
 * and language hosts, then checked: outputs equal the live objects, values reach the cluster,
 * the state file holds ciphertext only (for plain inputs too), a second `up` changes nothing, and
 * `destroy` removes the Secrets.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTlsPair } from "../../tools/tls.ts";
import { type TestStack, canary, createStack, ensureLibraryBuilt, pemBody, useE2E } from "./harness";
import * as lang from "./support/languages";
import { REPO_ROOT } from "../../tools/repo.ts";

const e2e = useE2E("multilang");
const run = promisify(execFile);
/** Every secret value planted in this file, for the final scan of everything the CLI printed. */
const planted: string[] = [];
/** Values planted as plain configuration (the CLI lists those in its prelude event, by design). */
const plantedPlain: string[] = [];

beforeAll(ensureLibraryBuilt);

describe("YAML program (examples/yaml): packages: { kubesecret: ../.. }", () => {
  const apiToken = canary("api-token");
  const logLevel = canary("plain-log-level"); // plain config: only the component makes it secret
  let tls: { cert: string; key: string };
  let stack: TestStack;
  let outputs: OutputMap;
  let expected: lang.ExpectedSecret[];

  beforeAll(() => {
    tls = makeTlsPair(); // throwaway, from openssl in a temp dir removed at once
    planted.push(apiToken, pemBody(tls.key));
    plantedPlain.push(logLevel);
    expected = [
      lang.appConfigSecret("appConfig", { API_TOKEN: apiToken, LOG_LEVEL: logLevel }),
      lang.webTlsSecret(tls),
    ];
  });
  afterAll(() => stack?.remove());

  it("deploys a Secret and a TlsSecret whose outputs equal the live objects", async () => {
    stack = await createStack({
      name: "yaml",
      dir: path.join(REPO_ROOT, "examples", "yaml"),
      config: lang.programConfig(e2e, { logLevel, tlsCert: tls.cert }, { apiToken, tlsKey: tls.key }),
    });
    // 5 created: stack, 2 components, 2 Secrets
    outputs = await lang.expectFirstUpMatchesCluster(e2e, stack, expected, { creates: 5, dataOutput: "appConfigData" });
  });

  it("keeps only ciphertext in state, plain inputs included", () => {
    lang.expectCiphertextOnly(stack, [apiToken, logLevel, pemBody(tls.key)]);
  });

  it("changes nothing on a second up", () => lang.expectNoChangesOnSecondUp(e2e, stack, expected));

  it("removes both Secrets on destroy", () => lang.expectDestroyRemovesSecrets(e2e, stack, outputs, expected));
});

describe("Python program (examples/python): pulumi package add, then the generated SDK", () => {
  const dbPassword = canary("db-password");
  const registryPassword = canary("registry-password");
  const logLevel = canary("plain-log-level");
  const expected: lang.ExpectedSecret[] = [
    lang.appConfigSecret("app_config", { DB_PASSWORD: dbPassword, LOG_LEVEL: logLevel }),
    {
      output: "registry_login",
      type: "kubernetes.io/basic-auth",
      name: "registry-login",
      data: { username: "deploy", password: registryPassword },
    },
  ];
  let workDir = "";
  let stack: TestStack;
  let outputs: OutputMap;

  beforeAll(() => {
    planted.push(dbPassword, registryPassword);
    plantedPlain.push(logLevel);
    workDir = lang.copyExample("python", ["Pulumi.yaml", "__main__.py", "requirements.txt"]);
  });
  afterAll(() => lang.removeStackAndCopy(stack, workDir));

  it("pulumi package add generates the SDK, records the package and installs it into the virtualenv", async () => {
    await lang.addPackageFromRepo(workDir);
    const sdk = path.join(workDir, "sdks", "kubesecret", "pulumi_kubesecret");
    for (const module of ["__init__.py", "secret.py", "basic_auth_secret.py", "tls_secret.py"]) {
      expect(fs.existsSync(path.join(sdk, module)), module).toBe(true);
    }
    expect(fs.readFileSync(path.join(workDir, "requirements.txt"), "utf8").split("\n")).toContain("sdks/kubesecret");
    const python = path.join(workDir, "venv", "bin", "python");
    const { stdout } = await run(python, [
      "-c",
      "import importlib.metadata as m, pulumi_kubesecret; print(m.version('pulumi'), m.version('pulumi-kubernetes'))",
    ]);
    expect(stdout.trim()).toBe("3.272.0 4.25.0"); // as pinned in requirements.txt
  });

  it("deploys a Secret and a BasicAuthSecret whose outputs equal the live objects", async () => {
    stack = await createStack({
      name: "python",
      dir: workDir,
      config: lang.programConfig(e2e, { logLevel }, { dbPassword, registryPassword }),
    });
    outputs = await lang.expectFirstUpMatchesCluster(e2e, stack, expected, {
      creates: 5,
      dataOutput: "app_config_data",
    });
  });

  it("keeps only ciphertext in state, plain inputs included", () => {
    lang.expectCiphertextOnly(stack, [dbPassword, registryPassword, logLevel]);
  });

  it("changes nothing on a second up", () => lang.expectNoChangesOnSecondUp(e2e, stack, expected));

  it("removes both Secrets on destroy", () => lang.expectDestroyRemovesSecrets(e2e, stack, outputs, expected));
});

it("printed no secret value in any operation of this file", () => lang.expectTranscriptClean(planted, plantedPlain));
