/**
 * The kubesecret demo, start to finish: toolchain → local cluster → `pulumi up` of the quick
 * start (examples/quickstart, run as a user runs it: copied out of the repository next to the
 * package packed by `npm pack` and installed from its tarball, tools/examples.ts) → outputs → the live Secrets read back and compared → a secret
 * value changed and `pulumi preview --diff` shown as a reviewer sees it → the change applied →
 * destroy → cluster stopped. Every CLI line is scanned for the secret values the demo configured;
 * any sighting, like any other failure, fails the demo.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CoreV1Api, V1Secret } from "@kubernetes/client-node";
import { startCluster, stopCluster } from "../cluster/index.ts";
import { type InstalledExamples, installExamples } from "../examples.ts";
import { kubeClient, readSecret } from "../kube.ts";
import { assertNoLeaks } from "../leaks.ts";
import { preparePulumiEnv } from "../pulumi-env.ts";
import { SCRATCH_DIR } from "../repo.ts";
import { type TlsPair, makeTlsPair } from "../tls.ts";
import { ensureToolchain } from "../toolchain/index.ts";
import { PulumiCli } from "./pulumi.ts";
import { type QuickstartOutputs, checkLive, printOutputs } from "./secrets.ts";
import { Steps, note, out } from "./steps.ts";

const QUIET = { show: false };
const UP = ["up", "--yes", "--suppress-progress", "--color", "never"];

export interface DemoOptions {
  /** An existing cluster's kubeconfig (nothing is started). */
  kubeconfig?: string;
  /** Leave the stack, its Secrets and the cluster up. */
  keep: boolean;
}

/** One demo run: what it made (for the cleanup) and the values it watches for in output. */
class Demo {
  readonly id = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  readonly stack = `demo-${this.id}`;
  readonly onStack = ["--stack", this.stack];
  readonly scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-demo-"));
  readonly clusterDir = process.env.KUBESECRET_CLUSTER_DIR
    ? path.resolve(process.env.KUBESECRET_CLUSTER_DIR)
    : path.join(this.scratch, "cluster");
  /** label → secret value, for the leak scans. */
  readonly watched = new Map<string, string>();
  readonly values = {
    apiToken: `demo-api-token-${randomBytes(12).toString("hex")}`,
    registryPassword: `demo-registry-password-${randomBytes(12).toString("hex")}`,
    newApiToken: `demo-new-api-token-${randomBytes(12).toString("hex")}`,
  };
  clusterStarted = false;
  stackCreated = false;
  deployed = false;
  cli: PulumiCli | undefined;
  /** The installed copy of the quick start (its own Pulumi project) and its directory. */
  installed: InstalledExamples | undefined;
  programDir = "";
  tls: TlsPair | undefined;
}

/** Runs the demo; resolves to the process exit code (0, 1, or 130 after Ctrl-C). */
export async function runDemo(opts: DemoOptions, steps: Steps): Promise<number> {
  const t0 = Date.now();
  const demo = new Demo();
  let failure: unknown;
  out(`kubesecret demo — stack ${demo.stack}`);
  try {
    await deployAndVerify(demo, opts, steps);
  } catch (err) {
    failure = err;
    out(`\nerror: ${(err as Error).message}`);
  } finally {
    await cleanup(demo, opts, steps).catch((err: unknown) => {
      failure ??= err;
      out(`error during cleanup: ${(err as Error).message}`);
    });
    fs.rmSync(demo.scratch, { recursive: true, force: true });
  }
  steps.print(Date.now() - t0);
  out(failure ? "\nDEMO FAILED" : "\nDEMO OK");
  return failure ? (steps.interrupted ? 130 : 1) : 0;
}

async function deployAndVerify(demo: Demo, opts: DemoOptions, steps: Steps): Promise<void> {
  const toolchain = await steps.run("Toolchain (tools/toolchain/build builds what is missing)", () =>
    ensureToolchain({ log: note }),
  );
  let kubeconfig: string;
  if (opts.kubeconfig) {
    kubeconfig = path.resolve(opts.kubeconfig);
    await steps.run(`Cluster: the existing one in ${kubeconfig}`, () => {
      if (!fs.existsSync(kubeconfig)) throw new Error(`no such file: ${kubeconfig}`);
    });
  } else {
    const info = await steps.run("Cluster: etcd, kube-apiserver, kube-controller-manager on 127.0.0.1", () =>
      startCluster({
        dir: demo.clusterDir,
        binDir: toolchain.source === "path" ? undefined : toolchain.binDir,
        log: note,
      }),
    );
    demo.clusterStarted = !info.alreadyRunning;
    kubeconfig = info.kubeconfigPath;
  }
  const core = kubeClient(kubeconfig);
  const env = await steps.run("Pulumi environment (private PULUMI_HOME, file backend, provider plugin)", () =>
    preparePulumiEnv({
      binDir: toolchain.binDir,
      backendDir: path.join(SCRATCH_DIR, "demo", "backend"),
      kubeconfig,
      log: note,
    }),
  );
  note(`PULUMI_HOME=${env.home}`);
  note(`PULUMI_BACKEND_URL=${env.backendUrl}`);
  demo.programDir = await steps.run("examples/quickstart as a user installs it (npm pack, npm install)", async () => {
    demo.installed = await installExamples(["quickstart"]);
    return demo.installed.dir("quickstart");
  });
  note(`program: ${demo.programDir}`);
  const cli = (demo.cli = new PulumiCli(env, demo.programDir));

  await steps.run(`Stack ${demo.stack}: config (secret values set with --secret)`, () => configure(demo, cli));
  await steps.run("pulumi up", async () => {
    demo.deployed = true;
    await cli.run([...UP, ...demo.onStack]);
  });
  const outputs = await steps.run("Stack outputs (pulumi stack output --json)", async () => {
    const parsed = await stackOutputs(demo, cli);
    printOutputs(parsed);
    return parsed;
  });
  const before = await steps.run("Live Secrets read back with @kubernetes/client-node", () =>
    readBack(demo, core, outputs),
  );
  await steps.run("Change apiToken, then pulumi preview --diff (what a reviewer sees)", () => preview(demo, cli));
  await steps.run("Apply the change (pulumi up) and check the live Secret", () =>
    applyChange(demo, cli, core, outputs, before.appConfig),
  );
  if (opts.keep) {
    note(`--keep: stack ${demo.stack} and its Secrets are left in place; its program: ${demo.programDir}`);
  } else {
    await steps.run("pulumi destroy", () => destroy(demo, cli, core, before));
  }
  await steps.run("No secret value in anything the CLI printed", () => {
    const text = cli.transcript.join("");
    assertNoLeaks(text, "the CLI output", demo.watched);
    note(`scanned ${text.length} characters for ${demo.watched.size} values (plain, JSON-escaped, hex, base64)`);
  });
}

async function configure(demo: Demo, cli: PulumiCli): Promise<void> {
  const { values, onStack } = demo;
  await cli.run(["stack", "init", demo.stack], QUIET);
  demo.stackCreated = true;
  await cli.run(["config", "set", "namespace", `kubesecret-demo-${demo.id}`, ...onStack]);
  await cli.run(["config", "set", "--secret", "apiToken", values.apiToken, ...onStack]);
  await cli.run(["config", "set", "--secret", "registryPassword", values.registryPassword, ...onStack]);
  try {
    demo.tls = makeTlsPair("quickstart.kubesecret.test");
  } catch (err) {
    note(`${(err as Error).message}: the TlsSecret is left out`);
  }
  if (demo.tls) {
    // Multi-line PEM values go in on stdin.
    await cli.run(["config", "set", "tlsCert", ...onStack], { input: demo.tls.cert });
    await cli.run(["config", "set", "--secret", "tlsKey", ...onStack], { input: demo.tls.key });
    demo.watched.set("the TLS private key", demo.tls.key);
    note("a throwaway certificate and key (the key lives only in secret config)");
  }
  demo.watched.set("the apiToken value", values.apiToken);
  demo.watched.set("the registryPassword value", values.registryPassword);
  demo.watched.set("the new apiToken value", values.newApiToken);
  note(`apiToken, registryPassword${demo.tls ? ", tlsKey" : ""} are secret config`);
  const configFile = `Pulumi.${demo.stack}.yaml`;
  assertNoLeaks(fs.readFileSync(path.join(demo.programDir, configFile), "utf8"), configFile, demo.watched);
  note(`${configFile} holds only ciphertext for them`);
}

async function stackOutputs(demo: Demo, cli: PulumiCli): Promise<QuickstartOutputs> {
  const { stdout } = await cli.run(["stack", "output", "--json", ...demo.onStack], QUIET);
  return JSON.parse(stdout) as QuickstartOutputs;
}

async function readBack(demo: Demo, core: CoreV1Api, outputs: QuickstartOutputs) {
  const { secrets } = outputs;
  const live: Record<string, V1Secret> = {
    appConfig: await checkLive(core, "appConfig", secrets.appConfig!, {
      API_TOKEN: demo.values.apiToken,
      LOG_LEVEL: "info",
    }),
    registryLogin: await checkLive(core, "registryLogin", secrets.registryLogin!, {
      username: "deploy",
      password: demo.values.registryPassword,
    }),
  };
  if (demo.tls) {
    // `pulumi config set` drops the final newline of a value read from stdin.
    live.webTls = await checkLive(core, "webTls", secrets.webTls!, {
      "tls.crt": demo.tls.cert.replace(/\n$/, ""),
      "tls.key": demo.tls.key.replace(/\n$/, ""),
    });
  }
  return live as Record<string, V1Secret> & { appConfig: V1Secret };
}

async function preview(demo: Demo, cli: PulumiCli): Promise<void> {
  await cli.run(["config", "set", "--secret", "apiToken", demo.values.newApiToken, ...demo.onStack]);
  const { stdout } = await cli.run(["preview", "--diff", "--color", "never", ...demo.onStack]);
  assertNoLeaks(stdout, "the preview", demo.watched);
  if (!/API_TOKEN: \[secret\] => \[secret\]/.test(stdout)) {
    throw new Error("the preview does not show API_TOKEN changing as [secret] => [secret]");
  }
  const replaced = /\+-kubernetes:core\/v1:Secret: \(replace\)/.test(stdout);
  note(
    `the diff names the changed key (API_TOKEN: [secret] => [secret]) and no value; ` +
      `the Secret ${replaced ? "is to be REPLACED" : "is to be updated in place"}`,
  );
}

async function applyChange(
  demo: Demo,
  cli: PulumiCli,
  core: CoreV1Api,
  outputs: QuickstartOutputs,
  before: V1Secret,
): Promise<void> {
  await cli.run([...UP, ...demo.onStack]);
  const after = (await stackOutputs(demo, cli)).secrets.appConfig!;
  await checkLive(core, "appConfig", after, { API_TOKEN: demo.values.newApiToken, LOG_LEVEL: "info" });
  const old = outputs.secrets.appConfig!;
  const stillThere = await readSecret(core, old.namespace, old.name);
  note(
    after.uid === before.metadata?.uid
      ? `updated in place: same name and uid ${after.uid}`
      : `replaced: ${old.name} → ${after.name}, uid ${before.metadata?.uid} → ${after.uid}; ` +
          `the old object is ${stillThere ? "still there (!)" : "gone"}`,
  );
}

async function destroy(demo: Demo, cli: PulumiCli, core: CoreV1Api, before: Record<string, V1Secret>) {
  await cli.run(["destroy", "--yes", "--suppress-progress", "--color", "never", ...demo.onStack]);
  demo.deployed = false;
  const { stdout } = await cli.run(["stack", "output", "--json", ...demo.onStack], QUIET);
  if (Object.keys(JSON.parse(stdout) as object).length) throw new Error("outputs remain after destroy");
  for (const [label, live] of Object.entries(before)) {
    if (await readSecret(core, live.metadata!.namespace!, live.metadata!.name!)) {
      throw new Error(`${label} still exists after destroy`);
    }
  }
  note("every Secret is gone (the client gets 404)");
}

/** Removes what the run made (unless --keep): resources, stack, stack config file, cluster. */
async function cleanup(demo: Demo, opts: DemoOptions, steps: Steps): Promise<void> {
  if (opts.keep) return;
  const t = Date.now();
  const errors: unknown[] = [];
  const attempt = (p: Promise<unknown>) => p.catch((err: unknown) => void errors.push(err));
  if (demo.cli && demo.stackCreated) {
    const flags = ["--yes", "--suppress-progress", "--color", "never", "--stack", demo.stack];
    if (demo.deployed) await attempt(demo.cli.run(["destroy", ...flags], QUIET));
    await attempt(demo.cli.run(["stack", "rm", "--yes", "--force", demo.stack], QUIET));
  }
  demo.installed?.remove();
  if (demo.clusterStarted) await attempt(stopCluster({ dir: demo.clusterDir, log: note }));
  out("");
  steps.done(
    `Cleanup: stack removed${demo.clusterStarted ? ", cluster stopped" : ""}`,
    Date.now() - t,
    errors.length > 0,
  );
  if (errors.length) throw errors[0];
}
