#!/usr/bin/env node
// The kubesecret demo, start to finish: toolchain → local cluster → `pulumi up` of the quick
// start (examples/quickstart) → outputs → the live Secrets read back
// and compared → a secret value changed and `pulumi preview --diff` shown as a reviewer sees it
// → the change applied → destroy → cluster stopped. Every CLI line is scanned for the secret
// values the demo configured; any sighting, like any other failure, exits non-zero.
//
//   npm run demo                              a private local cluster, started and stopped here
//   npm run demo -- --kubeconfig FILE         an existing cluster instead (nothing started);
//                                             also KUBESECRET_DEMO_KUBECONFIG=FILE
//   npm run demo -- --keep                    leave the stack, its Secrets and the cluster up
//
// State (file backend) and PULUMI_HOME live under .pulumi-test/ (gitignored); the stack's
// config file Pulumi.<stack>.yaml sits at the repo root while the demo runs.

import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { startCluster, stopCluster } from "./cluster.mjs";
import { REPO_ROOT, ensureToolchain, preparePulumiEnv } from "./pulumi-env.mjs";

/** The quick start program: its own Pulumi project (the repo root is the component package). */
const QUICKSTART = path.join(REPO_ROOT, "examples", "quickstart");

const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
const out = (line = "") => process.stdout.write(`${line}\n`);
const note = (line) => out(`  ${line}`);

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const opts = { kubeconfig: process.env.KUBESECRET_DEMO_KUBECONFIG || undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--kubeconfig" && argv[i + 1]) opts.kubeconfig = argv[++i];
    else if (argv[i].startsWith("--kubeconfig=")) opts.kubeconfig = argv[i].slice(13);
    else if (argv[i] === "--keep") opts.keep = true;
    else {
      process.stderr.write("usage: npm run demo [-- --kubeconfig FILE] [--keep]\n");
      process.exit(2);
    }
  }
  return opts;
}

// ---------------------------------------------------------------- steps and leaks

const timings = [];
let interrupted = false;

// Ctrl-C: the running pulumi command gets it too and stops; the demo then skips the remaining
// steps and cleans up (destroy, stack rm, cluster stop). A second Ctrl-C quits at once.
process.on("SIGINT", () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  out("\ninterrupted: cleaning up (Ctrl-C again to quit at once, leaving things behind)");
});

async function step(title, fn) {
  if (interrupted) throw new Error("interrupted");
  out(`\n▶ ${title}`);
  const t = Date.now();
  try {
    const result = await fn();
    const ms = Date.now() - t;
    timings.push({ title, ms });
    out(`✓ ${title} (${secs(ms)})`);
    return result;
  } catch (err) {
    timings.push({ title, ms: Date.now() - t, failed: true });
    out(`✗ ${title} (${secs(Date.now() - t)})`);
    throw err;
  }
}

/** The forms a value leaks as: verbatim, base64 (any alignment inside longer base64), hex. */
function leakForms(value) {
  const bytes = Buffer.from(value, "utf8");
  const forms = new Set([value, bytes.toString("hex")]);
  for (let offset = 0; offset < 3; offset++) {
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]);
    const inner = shifted.toString("base64").slice(4 * Math.ceil(offset / 3), 4 * Math.floor(shifted.length / 3));
    if (inner.length >= 12) forms.add(inner);
  }
  return [...forms].filter((f) => f.length >= 12);
}

const watched = new Map(); // label -> value
const transcript = [];

function assertNoLeak(text, where) {
  for (const [label, value] of watched) {
    for (const form of leakForms(value)) {
      if (text.includes(form)) throw new Error(`${label} appears in ${where}`);
    }
  }
}

// ---------------------------------------------------------------- pulumi

function runPulumi(ctx, args, { input, show = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(ctx.pulumi, [...args, "--non-interactive"], {
      cwd: QUICKSTART,
      env: { ...process.env, ...ctx.env },
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const echo = (chunk) => {
      if (!show) return;
      for (const line of chunk.replace(/\n$/, "").split("\n")) out(`    │ ${line}`);
    };
    child.stdout.setEncoding("utf8").on("data", (c) => ((stdout += c), echo(c)));
    child.stderr.setEncoding("utf8").on("data", (c) => ((stderr += c), echo(c)));
    if (input !== undefined) child.stdin.end(input);
    child.on("error", reject);
    child.on("close", (code) => {
      transcript.push(stdout, stderr);
      if (code === 0) return resolve({ stdout, stderr });
      const err = new Error(`pulumi ${args[0]} ${args[1] ?? ""} failed (exit code ${code})`);
      if (!show) err.message += `:\n${stderr.trim() || stdout.trim()}`;
      reject(err);
    });
  });
}

// ---------------------------------------------------------------- kubernetes

const notFound = (err) => err?.code === 404 || /HTTP-Code: 404/.test(String(err?.message));

async function readSecret(core, namespace, name) {
  try {
    return await core.readNamespacedSecret({ name, namespace });
  } catch (err) {
    if (notFound(err)) return undefined;
    throw err;
  }
}

/** Compares a live Secret with the stack output describing it and the values configured for it. */
async function checkLive(core, label, described, expected) {
  const live = await readSecret(core, described.namespace, described.name);
  if (!live) throw new Error(`${label}: ${described.namespace}/${described.name} not found`);
  const problems = [];
  if (live.metadata.uid !== described.uid) problems.push("uid differs");
  if (live.metadata.resourceVersion !== described.resourceVersion) problems.push("resourceVersion differs");
  if (live.type !== described.type) problems.push("type differs");
  const keys = Object.keys(live.data ?? {}).sort();
  if (JSON.stringify(keys) !== JSON.stringify([...described.keys].sort()))
    problems.push(`keys ${keys.join(",")} ≠ ${described.keys.join(",")}`);
  for (const [key, value] of Object.entries(expected)) {
    const bytes = Buffer.from(live.data?.[key] ?? "", "base64");
    if (!bytes.equals(Buffer.from(value, "utf8"))) problems.push(`value of ${key} differs`);
  }
  if (problems.length) throw new Error(`${label} (${described.name}): ${problems.join("; ")}`);
  note(
    `${label}: ${described.namespace}/${described.name} uid ${live.metadata.uid} ` +
      `resourceVersion ${live.metadata.resourceVersion} ${live.type} — matches the outputs; ` +
      `${Object.keys(expected).length} value(s) byte-identical to the configured ones`,
  );
  return live;
}

function printOutputs(outputs) {
  for (const [label, s] of Object.entries(outputs.secrets)) {
    note(`${label}:`);
    note(`  name ${s.namespace}/${s.name}   type ${s.type}`);
    note(`  uid ${s.uid}   resourceVersion ${s.resourceVersion}`);
    note(`  keys ${s.keys.join(", ")}   values [secret]`);
  }
  note(`appConfigData: ${JSON.stringify(outputs.appConfigData)}`);
  if (outputs.appConfigData !== "[secret]") throw new Error("the appConfigData output is not shown as [secret]");
}

// ---------------------------------------------------------------- main

function throwawayCert(dir) {
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=quickstart.kubesecret.test",
        "-keyout",
        path.join(dir, "tls.key"),
        "-out",
        path.join(dir, "tls.crt"),
      ],
      { stdio: "ignore" },
    );
  } catch {
    return undefined;
  }
  return {
    cert: fs.readFileSync(path.join(dir, "tls.crt"), "utf8"),
    key: fs.readFileSync(path.join(dir, "tls.key"), "utf8"),
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const id = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const stackName = `demo-${id}`;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-demo-"));
  const clusterDir = process.env.KUBESECRET_CLUSTER_DIR
    ? path.resolve(process.env.KUBESECRET_CLUSTER_DIR)
    : path.join(scratch, "cluster");
  const state = { clusterStarted: false, stackCreated: false, deployed: false };
  let ctx;
  let failure;

  out(`kubesecret demo — stack ${stackName}`);
  try {
    const toolchain = await step("Toolchain (scripts/toolchain builds what is missing)", () =>
      ensureToolchain({ log: note }),
    );

    let kubeconfig;
    if (opts.kubeconfig) {
      kubeconfig = path.resolve(opts.kubeconfig);
      await step(`Cluster: the existing one in ${kubeconfig}`, async () => {
        if (!fs.existsSync(kubeconfig)) throw new Error(`no such file: ${kubeconfig}`);
      });
    } else {
      const info = await step("Cluster: etcd, kube-apiserver, kube-controller-manager on 127.0.0.1", () =>
        startCluster({
          dir: clusterDir,
          binDir: toolchain.source === "path" ? undefined : toolchain.binDir,
          log: note,
        }),
      );
      state.clusterStarted = !info.alreadyRunning;
      kubeconfig = info.kubeconfigPath;
    }
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);

    ctx = await step("Pulumi environment (private PULUMI_HOME, file backend, provider plugin)", () =>
      preparePulumiEnv({
        binDir: toolchain.binDir,
        backendDir: path.join(REPO_ROOT, ".pulumi-test", "demo", "backend"),
        kubeconfig,
        log: note,
      }),
    );
    note(`PULUMI_HOME=${ctx.home}`);
    note(`PULUMI_BACKEND_URL=${ctx.backendUrl}`);
    const pulumi = (args, o) => runPulumi(ctx, args, o);
    const onStack = ["--stack", stackName];

    const values = {
      apiToken: `demo-api-token-${randomBytes(12).toString("hex")}`,
      registryPassword: `demo-registry-password-${randomBytes(12).toString("hex")}`,
      newApiToken: `demo-new-api-token-${randomBytes(12).toString("hex")}`,
    };
    const namespace = `kubesecret-demo-${id}`;
    let tls;
    await step(`Stack ${stackName}: config (secret values set with --secret)`, async () => {
      await pulumi(["stack", "init", stackName], { show: false });
      state.stackCreated = true;
      await pulumi(["config", "set", "namespace", namespace, ...onStack]);
      await pulumi(["config", "set", "--secret", "apiToken", values.apiToken, ...onStack]);
      await pulumi(["config", "set", "--secret", "registryPassword", values.registryPassword, ...onStack]);
      tls = throwawayCert(scratch);
      if (tls) {
        // Multi-line PEM values go in on stdin.
        await pulumi(["config", "set", "tlsCert", ...onStack], { input: tls.cert });
        await pulumi(["config", "set", "--secret", "tlsKey", ...onStack], { input: tls.key });
        fs.rmSync(path.join(scratch, "tls.key"));
        watched.set("the TLS private key", tls.key.split("\n")[1]);
        note("a throwaway certificate and key made with openssl (key file deleted; it lives only in secret config)");
      } else {
        note("openssl not found: the TlsSecret is left out");
      }
      watched.set("the apiToken value", values.apiToken);
      watched.set("the registryPassword value", values.registryPassword);
      watched.set("the new apiToken value", values.newApiToken);
      note(`namespace ${namespace}; apiToken, registryPassword${tls ? ", tlsKey" : ""} are secret config`);
      const configFile = fs.readFileSync(path.join(QUICKSTART, `Pulumi.${stackName}.yaml`), "utf8");
      assertNoLeak(configFile, `Pulumi.${stackName}.yaml`);
      note(`Pulumi.${stackName}.yaml holds only ciphertext for them`);
    });

    await step("pulumi up", async () => {
      state.deployed = true;
      await pulumi(["up", "--yes", "--suppress-progress", "--color", "never", ...onStack]);
    });

    const outputs = await step("Stack outputs (pulumi stack output --json)", async () => {
      const { stdout } = await pulumi(["stack", "output", "--json", ...onStack], { show: false });
      const parsed = JSON.parse(stdout);
      printOutputs(parsed);
      return parsed;
    });

    const before = await step("Live Secrets read back with @kubernetes/client-node", async () => {
      const live = {
        appConfig: await checkLive(core, "appConfig", outputs.secrets.appConfig, {
          API_TOKEN: values.apiToken,
          LOG_LEVEL: "info",
        }),
        registryLogin: await checkLive(core, "registryLogin", outputs.secrets.registryLogin, {
          username: "deploy",
          password: values.registryPassword,
        }),
      };
      if (tls) {
        // `pulumi config set` drops the final newline of a value read from stdin.
        live.webTls = await checkLive(core, "webTls", outputs.secrets.webTls, {
          "tls.crt": tls.cert.replace(/\n$/, ""),
          "tls.key": tls.key.replace(/\n$/, ""),
        });
      }
      return live;
    });

    await step("Change apiToken, then pulumi preview --diff (what a reviewer sees)", async () => {
      await pulumi(["config", "set", "--secret", "apiToken", values.newApiToken, ...onStack]);
      const { stdout } = await pulumi(["preview", "--diff", "--color", "never", ...onStack]);
      assertNoLeak(stdout, "the preview");
      const shown = stdout.match(/API_TOKEN: \[secret\] => \[secret\]/);
      if (!shown) throw new Error("the preview does not show API_TOKEN changing as [secret] => [secret]");
      const replaced = /\+-kubernetes:core\/v1:Secret: \(replace\)/.test(stdout);
      note(
        `the diff names the changed key (API_TOKEN: [secret] => [secret]) and no value; ` +
          `the Secret ${replaced ? "is to be REPLACED" : "is to be updated in place"}`,
      );
    });

    await step("Apply the change (pulumi up) and check the live Secret", async () => {
      await pulumi(["up", "--yes", "--suppress-progress", "--color", "never", ...onStack]);
      const { stdout } = await pulumi(["stack", "output", "--json", ...onStack], { show: false });
      const after = JSON.parse(stdout).secrets.appConfig;
      await checkLive(core, "appConfig", after, { API_TOKEN: values.newApiToken, LOG_LEVEL: "info" });
      const old = await readSecret(core, outputs.secrets.appConfig.namespace, outputs.secrets.appConfig.name);
      note(
        after.uid === before.appConfig.metadata.uid
          ? `updated in place: same name and uid ${after.uid}`
          : `replaced: ${outputs.secrets.appConfig.name} → ${after.name}, uid ${before.appConfig.metadata.uid} → ${after.uid}; ` +
              `the old object is ${old ? "still there (!)" : "gone"}`,
      );
    });

    if (opts.keep) {
      note(`--keep: stack ${stackName} and its Secrets are left in place`);
    } else {
      await step("pulumi destroy", async () => {
        await pulumi(["destroy", "--yes", "--suppress-progress", "--color", "never", ...onStack]);
        state.deployed = false;
        const { stdout } = await pulumi(["stack", "output", "--json", ...onStack], { show: false });
        if (Object.keys(JSON.parse(stdout)).length) throw new Error("outputs remain after destroy");
        for (const [label, live] of Object.entries(before)) {
          if (await readSecret(core, live.metadata.namespace, live.metadata.name))
            throw new Error(`${label} still exists after destroy`);
        }
        note("every Secret is gone (the client gets 404)");
      });
    }

    await step("No secret value in anything the CLI printed", async () => {
      assertNoLeak(transcript.join(""), "the CLI output");
      note(`scanned ${transcript.join("").length} characters for ${watched.size} values (plain, base64, hex)`);
    });
  } catch (err) {
    failure = err;
    out(`\nerror: ${err.message}`);
  } finally {
    await cleanup(ctx, stackName, state, opts, clusterDir).catch((err) => {
      failure ??= err;
      out(`error during cleanup: ${err.message}`);
    });
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  out("\nTimings:");
  for (const t of timings) out(`  ${t.failed ? "✗" : "✓"} ${secs(t.ms).padStart(6)}  ${t.title}`);
  out(`  total ${secs(Date.now() - t0)}`);
  out(failure ? "\nDEMO FAILED" : "\nDEMO OK");
  return failure ? (interrupted ? 130 : 1) : 0;
}

async function cleanup(ctx, stackName, state, opts, clusterDir) {
  if (opts.keep) return;
  const t = Date.now();
  const errors = [];
  if (ctx && state.stackCreated) {
    if (state.deployed) {
      await runPulumi(ctx, ["destroy", "--yes", "--suppress-progress", "--color", "never", "--stack", stackName], {
        show: false,
      }).catch((err) => errors.push(err));
    }
    await runPulumi(ctx, ["stack", "rm", "--yes", "--force", stackName], { show: false }).catch((err) =>
      errors.push(err),
    );
  }
  fs.rmSync(path.join(QUICKSTART, `Pulumi.${stackName}.yaml`), { force: true });
  if (state.clusterStarted) {
    await stopCluster({ dir: clusterDir, log: note }).catch((err) => errors.push(err));
  }
  const ms = Date.now() - t;
  timings.push({ title: "Cleanup: stack removed, cluster stopped", ms, failed: errors.length > 0 });
  out(
    `\n${errors.length ? "✗" : "✓"} Cleanup: stack removed${state.clusterStarted ? ", cluster stopped" : ""} (${secs(ms)})`,
  );
  if (errors.length) throw errors[0];
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`demo: ${err.stack ?? err}\n`);
    process.exitCode = 1;
  },
);
