#!/usr/bin/env node
// Smoke test of scripts/cluster.mjs against the real binaries: the CLI life cycle (start,
// start again, status, env, stop, stop again, stale state), then Secrets, a service-account
// token Secret filled by the controller manager, garbage collection and namespace deletion,
// through @kubernetes/client-node. Uses its own state directory, so a cluster you have
// running is left alone. Exits non-zero on the first failure.
//
//   node scripts/cluster-smoke.mjs
//   SMOKE_MAX_START_SECONDS=60  fail when a warm start is slower (default 60; the target is 15)

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AuthenticationV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { clusterStatus, stopCluster } from "./cluster.mjs";

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "cluster.mjs");
const dir = path.join(os.tmpdir(), `kubesecret-cluster-smoke-${process.pid}`);
const env = { ...process.env, KUBESECRET_CLUSTER_DIR: dir };
const maxStart = Number(process.env.SMOKE_MAX_START_SECONDS ?? 60);
const timings = {};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function check(cond, msg) {
  if (!cond) throw new Error(`check failed: ${msg}`);
  console.log(`ok - ${msg}`);
}

function cli(...args) {
  const t = Date.now();
  const r = spawnSync(process.execPath, [script, ...args], { env, encoding: "utf8" });
  const ms = Date.now() - t;
  const out = `${r.stdout}${r.stderr}`;
  for (const line of out.trimEnd().split("\n")) if (line) console.log(`    | ${line}`);
  return { code: r.status, out, stdout: r.stdout, ms };
}

async function eventually(what, fn, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out: ${what}${last ? ` (${last.message})` : ""}`);
    await sleep(200);
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\) [ZX] /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8")); // zombies are gone too
  } catch {
    return false;
  }
}

const notFound = (err) => err?.code === 404 || /HTTP-Code: 404/.test(String(err?.message));

async function exercise(kubeconfigPath, token) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  check(new URL(kc.getCurrentCluster().server).hostname === "127.0.0.1", "kubeconfig targets 127.0.0.1");
  const core = kc.makeApiClient(CoreV1Api);
  const namespace = "default";

  // A plain Secret round trip.
  const value = `smoke-${Date.now()}`;
  await core.createNamespacedSecret({
    namespace,
    body: { metadata: { name: "smoke-secret" }, type: "Opaque", stringData: { password: value } },
  });
  const read = await core.readNamespacedSecret({ name: "smoke-secret", namespace });
  check(Buffer.from(read.data.password, "base64").toString() === value, "Secret created and read back");

  // Garbage collector: a ConfigMap owned by the Secret goes away with it.
  await core.createNamespacedConfigMap({
    namespace,
    body: {
      metadata: {
        name: "smoke-owned",
        ownerReferences: [{ apiVersion: "v1", kind: "Secret", name: "smoke-secret", uid: read.metadata.uid }],
      },
      data: { a: "b" },
    },
  });
  await core.deleteNamespacedSecret({ name: "smoke-secret", namespace });
  await eventually("owned ConfigMap garbage-collected", async () => {
    try {
      await core.readNamespacedConfigMap({ name: "smoke-owned", namespace });
      return false;
    } catch (err) {
      if (notFound(err)) return true;
      throw err;
    }
  });
  check(true, "garbage collector removed the dependent ConfigMap");

  // Service-account token Secret filled by the controller manager, and the token works.
  await core.createNamespacedServiceAccount({
    namespace,
    body: { metadata: { name: "smoke-sa" } },
  });
  await core.createNamespacedSecret({
    namespace,
    body: {
      metadata: {
        name: "smoke-sa-token",
        annotations: { "kubernetes.io/service-account.name": "smoke-sa" },
      },
      type: "kubernetes.io/service-account-token",
    },
  });
  const filled = await eventually("token Secret filled", async () => {
    const s = await core.readNamespacedSecret({ name: "smoke-sa-token", namespace });
    return s.data?.token && s.data?.["ca.crt"] ? s : null;
  });
  check(true, "controller manager filled token and ca.crt of the service-account token Secret");
  const saToken = Buffer.from(filled.data.token, "base64").toString();
  check(saToken !== token, "service-account token differs from the admin token");
  const saKc = new KubeConfig();
  saKc.loadFromOptions({
    clusters: [{ name: "c", server: kc.getCurrentCluster().server, caData: kc.getCurrentCluster().caData }],
    users: [{ name: "sa", token: saToken }],
    contexts: [{ name: "c", cluster: "c", user: "sa" }],
    currentContext: "c",
  });
  const review = await saKc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: {} });
  check(
    review.status?.userInfo?.username === "system:serviceaccount:default:smoke-sa",
    `the token authenticates as ${review.status?.userInfo?.username}`,
  );

  // Namespace controller: a deleted namespace really goes away.
  await core.createNamespace({ body: { metadata: { name: "smoke-ns" } } });
  await eventually("namespace default service account", () =>
    core.readNamespacedServiceAccount({ name: "default", namespace: "smoke-ns" }),
  );
  await core.createNamespacedSecret({
    namespace: "smoke-ns",
    body: { metadata: { name: "s" }, stringData: { k: "v" } },
  });
  await core.deleteNamespace({ name: "smoke-ns" });
  await eventually("namespace deleted", async () => {
    try {
      await core.readNamespace({ name: "smoke-ns" });
      return false;
    } catch (err) {
      if (notFound(err)) return true;
      throw err;
    }
  });
  check(true, "namespace controller finished deleting a namespace");
}

async function main() {
  console.log(`state dir: ${dir}`);
  let r = cli("status");
  check(r.code === 3, "status of a never-started cluster exits 3");
  r = cli("stop");
  check(r.code === 0, "stop of a stopped cluster exits 0");

  r = cli("start");
  timings.firstStart = r.ms;
  check(r.code === 0, `first start exits 0 (${r.ms} ms)`);
  const kubeconfigPath = path.join(dir, "kubeconfig");
  const token = fs.readFileSync(path.join(dir, "tokens.csv"), "utf8").split(",")[0];
  check(token.length >= 32 && !r.out.includes(token), "the admin token is not printed");
  check((fs.statSync(kubeconfigPath).mode & 0o777) === 0o600, "kubeconfig is mode 0600");
  check((fs.statSync(dir).mode & 0o777) === 0o700, "state dir is mode 0700");
  check(r.out.includes(kubeconfigPath), "start prints the kubeconfig path");

  r = cli("start");
  timings.secondStart = r.ms;
  check(r.code === 0 && /already running/.test(r.out), `start while running is harmless (${r.ms} ms)`);
  r = cli("status");
  check(
    r.code === 0 && r.out.includes("running") && r.out.includes(kubeconfigPath),
    "status exits 0 and shows the kubeconfig",
  );
  check(!r.out.includes(token), "status does not print the token");
  r = cli("env");
  check(
    r.code === 0 && r.stdout.trim() === `export KUBECONFIG='${kubeconfigPath}'`,
    "env prints export KUBECONFIG=...",
  );

  const st = await clusterStatus({ dir });
  check(st.running && new URL(st.server).hostname === "127.0.0.1", "clusterStatus() from the module says running");
  const listening = Object.values(st.ports);
  check(listening.length === 4 && listening.every((p) => p > 0), `ports recorded: ${JSON.stringify(st.ports)}`);

  await exercise(kubeconfigPath, token);

  // Stale state: processes gone, directory left behind.
  for (const pid of Object.values(st.pids)) process.kill(pid, "SIGKILL");
  await sleep(300);
  r = cli("status");
  check(r.code === 3 && /stale/.test(r.out), "status after the processes died exits 3 (stale)");
  r = cli("start");
  timings.warmStart = r.ms;
  check(r.code === 0 && /stale/.test(r.out), `start over stale state cleans and starts (${r.ms} ms)`);
  r = cli("status");
  check(r.code === 0, "status exits 0 again");
  const st2 = await clusterStatus({ dir });
  check(
    Object.values(st2.pids).every((p) => !Object.values(st.pids).includes(p)),
    "fresh processes replaced the dead ones",
  );

  r = cli("stop");
  timings.stop = r.ms;
  check(r.code === 0 && !fs.existsSync(dir), `stop exits 0 and removes the dir (${r.ms} ms)`);
  for (const pid of Object.values(st2.pids)) check(!alive(pid), `pid ${pid} is gone`);
  r = cli("stop");
  check(r.code === 0, "stop again exits 0");
  r = cli("status");
  check(r.code === 3, "status after stop exits 3");

  console.log(`timings (ms): ${JSON.stringify(timings)}`);
  if (timings.warmStart > 15_000) console.log(`warning: warm start took ${timings.warmStart} ms (target 15000)`);
  check(timings.warmStart <= maxStart * 1000, `warm start within ${maxStart}s`);
}

main().then(
  () => console.log("cluster smoke test passed"),
  async (err) => {
    console.error(`cluster smoke test FAILED: ${err.stack ?? err}`);
    await stopCluster({ dir, log: false }).catch(() => {});
    process.exitCode = 1;
  },
);
