#!/usr/bin/env node
// A local Kubernetes control plane on loopback, envtest-style: etcd, kube-apiserver and
// kube-controller-manager built by scripts/toolchain, run as detached processes on free
// ports of 127.0.0.1, with their state (data, keys, certs, logs, kubeconfig) in one directory.
//
//   node scripts/cluster.mjs start    start (or reuse) the cluster, print the kubeconfig path
//   node scripts/cluster.mjs stop     stop it and remove its directory (harmless when stopped)
//   node scripts/cluster.mjs status   print its state; exit 0 when running, 3 when stopped
//   node scripts/cluster.mjs env      print `export KUBECONFIG=...` (exit 3 when stopped)
//
// As a module: `import { startCluster, stopCluster, clusterStatus } from './cluster.mjs'`; fault
// tests also use `stopApiServer` / `startApiServer` (only kube-apiserver, same port and data).
//
// Environment:
//   KUBESECRET_TOOLCHAIN_BIN   directory holding etcd, kube-apiserver, kube-controller-manager
//                              (default: `scripts/toolchain --print`)
//   KUBESECRET_CLUSTER_DIR     state directory
//                              (default: ${XDG_RUNTIME_DIR:-os.tmpdir()}/kubesecret-cluster)
//
// Only 127.0.0.1 is ever listened on or talked to. The admin bearer token lives in the state
// directory (mode 0700; token file and kubeconfig 0600) and is never printed.

import { execFileSync, spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HOST = "127.0.0.1";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BINARIES = {
  etcd: "etcd",
  apiserver: "kube-apiserver",
  controllerManager: "kube-controller-manager",
};
const STATE_FILE = "cluster.json";
const SERVICE_CIDR = "10.0.0.0/24";
const SA_ISSUER = "https://kubernetes.default.svc.cluster.local";
// Enough for what a Pulumi program does with Secrets: token Secrets get their token, owner
// references are honoured, namespaces really go away, kube-root-ca.crt and the aggregated
// admin/edit/view roles exist.
export const DEFAULT_CONTROLLERS = [
  "serviceaccount-token-controller",
  "serviceaccount-controller",
  "namespace-controller",
  "garbage-collector-controller",
  "root-ca-certificate-publisher-controller",
  "clusterrole-aggregation-controller",
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

export function defaultClusterDir() {
  if (process.env.KUBESECRET_CLUSTER_DIR) return path.resolve(process.env.KUBESECRET_CLUSTER_DIR);
  return path.join(process.env.XDG_RUNTIME_DIR || os.tmpdir(), "kubesecret-cluster");
}

function makeLogger(log) {
  if (log === false) return () => {};
  if (typeof log === "function") return log;
  return (msg) => process.stderr.write(`[cluster] ${msg}\n`);
}

export function resolveBinDir(binDir) {
  if (binDir) return path.resolve(binDir);
  if (process.env.KUBESECRET_TOOLCHAIN_BIN) return path.resolve(process.env.KUBESECRET_TOOLCHAIN_BIN);
  let out;
  try {
    out = execFileSync(path.join(ROOT, "scripts", "toolchain"), ["--print"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (err) {
    throw new Error(`cannot locate the toolchain: scripts/toolchain --print failed: ${err.message}`, { cause: err });
  }
  return out.trim().split("\n").pop();
}

function checkBinaries(binDir, names) {
  const missing = names.filter((n) => {
    try {
      fs.accessSync(path.join(binDir, n), fs.constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) {
    throw new Error(
      `missing ${missing.join(", ")} in ${binDir}: run scripts/toolchain ` +
        "(or point KUBESECRET_TOOLCHAIN_BIN at a directory holding them)",
    );
  }
}

// ---------------------------------------------------------------- processes and state

function readState(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), "utf8"));
  } catch {
    return null;
  }
}

function writeState(dir, state) {
  const file = path.join(dir, STATE_FILE);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/** True when `pid` is a live (non-zombie) process running `binary` (checked via /proc when there is one). */
function isOurProcess(pid, binary) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== "EPERM") return false;
  }
  if (!fs.existsSync("/proc/self")) return true;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    if (/\) [ZX] /.test(stat)) return false;
    const argv0 = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0];
    return !binary || path.basename(argv0) === path.basename(binary);
  } catch {
    return false;
  }
}

function livePids(state) {
  const out = {};
  for (const [name, pid] of Object.entries(state?.pids ?? {})) {
    if (isOurProcess(pid, BINARIES[name])) out[name] = pid;
  }
  return out;
}

async function terminate(pids, timeoutMs, log, signal = "SIGTERM") {
  const entries = Object.entries(pids).filter(([name, pid]) => isOurProcess(pid, BINARIES[name]));
  if (!entries.length) return;
  for (const [, pid] of entries) {
    try {
      process.kill(pid, signal);
    } catch {}
  }
  const gone = async (ms) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const alive = entries.filter(([name, pid]) => isOurProcess(pid, BINARIES[name]));
      if (!alive.length || Date.now() > deadline) return alive;
      await sleep(50);
    }
  };
  const stubborn = await gone(timeoutMs);
  for (const [name, pid] of stubborn) {
    log(`${BINARIES[name]} (pid ${pid}) ignored ${signal} for ${secs(timeoutMs)}: SIGKILL`);
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
  const left = await gone(5000);
  if (left.length) throw new Error(`could not stop ${left.map(([n, p]) => `${BINARIES[n]} (pid ${p})`).join(", ")}`);
}

/** Stops whatever the state names (controller manager and apiserver first, etcd last). */
async function stopProcesses(state, timeoutMs, log) {
  const { etcd, ...rest } = state?.pids ?? {};
  await terminate(rest, timeoutMs, log);
  if (etcd) await terminate({ etcd }, timeoutMs, log);
}

function spawnDetached(name, bin, args, dir) {
  const logPath = path.join(dir, `${name}.log`);
  const fd = fs.openSync(logPath, "a", 0o600);
  // etcd reads ETCD_* variables as flags: keep the caller's from leaking in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ETCD_")));
  let child;
  try {
    child = spawn(bin, args, { cwd: dir, env, detached: true, stdio: ["ignore", fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
  const proc = { name, bin, pid: child.pid, logPath, exited: null };
  child.on("error", (err) => (proc.exited ??= { error: err.message }));
  child.on("exit", (code, signal) => (proc.exited ??= { code, signal }));
  child.unref();
  if (!child.pid) proc.exited ??= { error: "spawn failed" };
  return proc;
}

function tail(file, lines = 25) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

// ---------------------------------------------------------------- network helpers

async function freePorts(n) {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise((resolve, reject) => {
          const s = net.createServer();
          s.unref();
          s.on("error", reject);
          s.listen({ host: HOST, port: 0, exclusive: true }, () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Whether 127.0.0.1:`port` can be listened on now. */
function portIsFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.unref();
    s.on("error", () => resolve(false));
    s.listen({ host: HOST, port, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

/** GET on 127.0.0.1 only; https with the given CA bundle and bearer token. */
function get(url, { ca, token, timeoutMs = 3000 } = {}) {
  const u = new URL(url);
  if (u.hostname !== HOST) return Promise.reject(new Error(`refusing to contact ${u.hostname}`));
  const mod = u.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      u,
      {
        method: "GET",
        agent: false,
        ca,
        timeout: timeoutMs,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode, body }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout after ${timeoutMs}ms`)));
    req.on("error", reject);
    req.end();
  });
}

/** Polls `check` (truthy = done) until the deadline, failing fast when a watched process dies. */
async function waitFor(what, check, { deadline, procs = [] }) {
  let last = "";
  for (;;) {
    for (const p of procs) {
      if (p.exited) {
        const how = p.exited.error ?? (p.exited.signal ? `signal ${p.exited.signal}` : `code ${p.exited.code}`);
        throw new Error(
          `${p.bin ? path.basename(p.bin) : p.name} exited (${how}) while waiting for ${what}; ${p.logPath}:\n${tail(p.logPath)}`,
        );
      }
    }
    try {
      if (await check()) return;
    } catch (err) {
      last = err.message;
    }
    if (Date.now() > deadline) {
      const logs = procs.map((p) => `--- ${p.logPath}\n${tail(p.logPath, 15)}`).join("\n");
      throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${last})` : ""}\n${logs}`);
    }
    await sleep(100);
  }
}

// ---------------------------------------------------------------- command lines

/** kube-apiserver's flags: a function of the state directory and ports, so a restart is identical. */
function apiserverArgs(dir, ports) {
  const certDir = path.join(dir, "pki");
  return [
    `--etcd-servers=http://${HOST}:${ports.etcd}`,
    `--cert-dir=${certDir}`,
    `--bind-address=${HOST}`,
    `--advertise-address=${HOST}`,
    `--secure-port=${ports.apiserver}`,
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    "--authorization-mode=RBAC",
    `--token-auth-file=${path.join(dir, "tokens.csv")}`,
    `--service-account-issuer=${SA_ISSUER}`,
    `--service-account-key-file=${path.join(certDir, "sa.pub")}`,
    `--service-account-signing-key-file=${path.join(certDir, "sa.key")}`,
    // Endpoints may not hold loopback addresses: don't publish the apiserver in the
    // `kubernetes` Service's endpoints (nothing in the cluster needs to dial it).
    "--endpoint-reconciler-type=none",
    "--profiling=false",
  ];
}

/** kube-controller-manager's flags (see apiserverArgs). */
function controllerManagerArgs(dir, ports, controllers) {
  return [
    `--kubeconfig=${path.join(dir, "kubeconfig")}`,
    `--bind-address=${HOST}`,
    `--secure-port=${ports.controllerManager}`,
    `--cert-dir=${path.join(dir, "pki", "kcm")}`,
    `--service-account-private-key-file=${path.join(dir, "pki", "sa.key")}`,
    `--root-ca-file=${path.join(dir, "pki", "apiserver.crt")}`,
    `--controllers=${controllers.join(",")}`,
    "--use-service-account-credentials=false",
    "--leader-elect=false",
    "--profiling=false",
  ];
}

// ---------------------------------------------------------------- files

function readToken(dir) {
  return fs.readFileSync(path.join(dir, "tokens.csv"), "utf8").split(",")[0];
}

function kubeconfigYaml(server, caPem, token) {
  const ca = Buffer.from(caPem).toString("base64");
  return `apiVersion: v1
kind: Config
clusters:
  - name: kubesecret
    cluster:
      server: ${server}
      certificate-authority-data: ${ca}
users:
  - name: kubesecret-admin
    user:
      token: "${token}"
contexts:
  - name: kubesecret
    context:
      cluster: kubesecret
      user: kubesecret-admin
      namespace: default
current-context: kubesecret
preferences: {}
`;
}

function describe(dir, state, extra = {}) {
  return {
    dir,
    kubeconfigPath: state.kubeconfigPath,
    server: state.server,
    caFile: state.caFile,
    ports: state.ports,
    pids: state.pids,
    logs: state.logs,
    binDir: state.binDir,
    startedAt: state.startedAt,
    ...extra,
  };
}

// ---------------------------------------------------------------- lock

async function withLock(dir, timeoutMs, fn) {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx", mode: 0o600 });
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      let holder = 0;
      try {
        holder = Number(fs.readFileSync(lock, "utf8"));
      } catch {}
      if (holder && holder !== process.pid && isOurProcess(holder)) {
        if (Date.now() > deadline) throw new Error(`${lock} is held by pid ${holder}`);
        await sleep(200);
        continue;
      }
      try {
        fs.unlinkSync(lock); // left by a dead process
      } catch {}
    }
  }
  try {
    return await fn();
  } finally {
    try {
      fs.unlinkSync(lock);
    } catch {}
  }
}

// ---------------------------------------------------------------- API

/**
 * Status of the cluster in `dir`: `{ running, dir, kubeconfigPath, server, ports, pids, ... }`.
 * Running means every recorded process is alive and the apiserver answers /readyz.
 */
export async function clusterStatus(opts = {}) {
  const dir = path.resolve(opts.dir ?? defaultClusterDir());
  const state = readState(dir);
  if (!state || state.phase !== "running") return { running: false, dir, stale: fs.existsSync(dir) };
  const live = livePids(state);
  const dead = Object.keys(state.pids).filter((n) => !live[n]);
  let ready = false;
  if (!dead.length) {
    try {
      const res = await get(`${state.server}/readyz`, {
        ca: fs.readFileSync(state.caFile),
        token: readToken(dir),
        timeoutMs: 2000,
      });
      ready = res.status === 200;
    } catch {}
  }
  return describe(dir, state, {
    running: !dead.length && ready,
    dead,
    ready,
    stale: dead.length > 0 || !ready,
  });
}

/**
 * Starts the cluster (or returns the running one, with `alreadyRunning: true`).
 * opts: dir, binDir, controllerManager (default true), controllers (list), timeoutMs (default 120000),
 * log (function, or false for silence; default: stderr).
 */
export async function startCluster(opts = {}) {
  const log = makeLogger(opts.log);
  const dir = path.resolve(opts.dir ?? defaultClusterDir());
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const withKcm = opts.controllerManager ?? true;
  const controllers = opts.controllers ?? DEFAULT_CONTROLLERS;

  return withLock(dir, timeoutMs, async () => {
    const t0 = Date.now();
    const status = await clusterStatus({ dir });
    if (status.running) {
      log(`already running: ${status.server} (kubeconfig: ${status.kubeconfigPath})`);
      return { ...status, alreadyRunning: true };
    }
    if (fs.existsSync(dir)) {
      const stale = readState(dir);
      log(`cleaning stale state in ${dir}`);
      await stopProcesses(stale, 10_000, log);
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const binDir = resolveBinDir(opts.binDir);
    const names = withKcm ? Object.keys(BINARIES) : ["etcd", "apiserver"];
    checkBinaries(
      binDir,
      names.map((n) => BINARIES[n]),
    );
    const bin = (n) => path.join(binDir, BINARIES[n]);

    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    const [etcdPort, etcdPeerPort, apiPort, kcmPort] = await freePorts(4);
    const server = `https://${HOST}:${apiPort}`;
    const certDir = path.join(dir, "pki");
    const caFile = path.join(certDir, "apiserver.crt");
    const kubeconfigPath = path.join(dir, "kubeconfig");
    const state = {
      phase: "starting",
      dir,
      binDir,
      server,
      caFile,
      kubeconfigPath,
      ports: { etcd: etcdPort, etcdPeer: etcdPeerPort, apiserver: apiPort },
      controllers,
      pids: {},
      logs: {},
      startedAt: new Date().toISOString(),
    };
    const procs = [];
    const track = (key, proc) => {
      procs.push(proc);
      state.pids[key] = proc.pid;
      state.logs[key] = proc.logPath;
      writeState(dir, state);
      return proc;
    };
    const deadline = Date.now() + timeoutMs;
    let t = Date.now();
    const step = (msg) => {
      log(`${msg} (${secs(Date.now() - t)})`);
      t = Date.now();
    };

    try {
      // Credentials: service-account signing key and the admin bearer token.
      fs.mkdirSync(certDir, { mode: 0o700 });
      const { privateKey, publicKey } = generateKeyPairSync("rsa", {
        modulusLength: 2048,
        privateKeyEncoding: { type: "pkcs8", format: "pem" },
        publicKeyEncoding: { type: "spki", format: "pem" },
      });
      const saKey = path.join(certDir, "sa.key");
      const saPub = path.join(certDir, "sa.pub");
      fs.writeFileSync(saKey, privateKey, { mode: 0o600 });
      fs.writeFileSync(saPub, publicKey, { mode: 0o644 });
      const token = randomBytes(32).toString("hex");
      const tokenFile = path.join(dir, "tokens.csv");
      fs.writeFileSync(tokenFile, `${token},admin,admin-uid,"system:masters"\n`, { mode: 0o600 });
      writeState(dir, state);
      step(`credentials in ${dir}`);

      const etcdUrl = `http://${HOST}:${etcdPort}`;
      const etcdPeerUrl = `http://${HOST}:${etcdPeerPort}`;
      const etcd = track(
        "etcd",
        spawnDetached(
          "etcd",
          bin("etcd"),
          [
            "--name=kubesecret",
            `--data-dir=${path.join(dir, "etcd")}`,
            `--listen-client-urls=${etcdUrl}`,
            `--advertise-client-urls=${etcdUrl}`,
            `--listen-peer-urls=${etcdPeerUrl}`,
            `--initial-advertise-peer-urls=${etcdPeerUrl}`,
            `--initial-cluster=kubesecret=${etcdPeerUrl}`,
            "--initial-cluster-state=new",
            "--unsafe-no-fsync",
            `--quota-backend-bytes=${1024 ** 3}`,
            "--log-level=warn",
          ],
          dir,
        ),
      );
      await waitFor(
        "etcd /health",
        async () => {
          const r = await get(`${etcdUrl}/health`, { timeoutMs: 1000 });
          return r.status === 200 && JSON.parse(r.body).health === "true";
        },
        { deadline, procs },
      );
      step(`etcd ready on ${etcdUrl}, pid ${etcd.pid}`);

      const apiserver = track(
        "apiserver",
        spawnDetached("kube-apiserver", bin("apiserver"), apiserverArgs(dir, state.ports), dir),
      );
      let ca;
      await waitFor(
        "kube-apiserver /readyz",
        async () => {
          ca = fs.readFileSync(caFile);
          const r = await get(`${server}/readyz`, { ca, token, timeoutMs: 2000 });
          return r.status === 200;
        },
        { deadline, procs },
      );
      fs.writeFileSync(kubeconfigPath, kubeconfigYaml(server, ca, token), { mode: 0o600 });
      step(`kube-apiserver ready on ${server}, pid ${apiserver.pid}`);

      if (withKcm) {
        state.ports.controllerManager = kcmPort;
        const kcm = track(
          "controllerManager",
          spawnDetached(
            "kube-controller-manager",
            bin("controllerManager"),
            controllerManagerArgs(dir, state.ports, controllers),
            dir,
          ),
        );
        step(`kube-controller-manager started on https://${HOST}:${kcmPort}, pid ${kcm.pid}`);
      }

      const api = async (p) => (await get(`${server}${p}`, { ca, token })).status === 200;
      await waitFor("the default namespace", () => api("/api/v1/namespaces/default"), {
        deadline,
        procs,
      });
      if (withKcm) {
        await waitFor("the default service account", () => api("/api/v1/namespaces/default/serviceaccounts/default"), {
          deadline,
          procs,
        });
      }
      step(`default namespace${withKcm ? " and service account" : ""} exist`);

      state.phase = "running";
      writeState(dir, state);
      log(`started in ${secs(Date.now() - t0)}; kubeconfig: ${kubeconfigPath}`);
      return describe(dir, state, {
        running: true,
        alreadyRunning: false,
        startMs: Date.now() - t0,
      });
    } catch (err) {
      state.phase = "failed";
      writeState(dir, state);
      await stopProcesses(state, 5000, log).catch(() => {});
      err.message = `cluster start failed (logs kept in ${dir}; \`stop\` removes them): ${err.message}`;
      throw err;
    }
  });
}

/** Stops the cluster and removes its directory. Harmless when nothing runs. */
export async function stopCluster(opts = {}) {
  const log = makeLogger(opts.log);
  const dir = path.resolve(opts.dir ?? defaultClusterDir());
  const timeoutMs = opts.timeoutMs ?? 15_000;
  return withLock(dir, timeoutMs + 10_000, async () => {
    const t0 = Date.now();
    if (!fs.existsSync(dir)) {
      log("not running");
      return { stopped: false, dir };
    }
    const state = readState(dir);
    const live = livePids(state);
    await stopProcesses(state, timeoutMs, log);
    fs.rmSync(dir, { recursive: true, force: true });
    const what =
      Object.keys(live)
        .map((n) => BINARIES[n])
        .join(", ") || "no live processes";
    log(`stopped (${what}) and removed ${dir} (${secs(Date.now() - t0)})`);
    return { stopped: Object.keys(live).length > 0, dir, stopMs: Date.now() - t0 };
  });
}

/** The state of a started cluster in `dir`, or an error saying there is none. */
function startedState(dir) {
  const state = readState(dir);
  if (!state || state.phase !== "running") throw new Error(`no started cluster in ${dir}`);
  return state;
}

/**
 * Stops only kube-apiserver (for fault tests): etcd, the controller manager and the state
 * directory stay, so `startApiServer` brings the same API server back on the same port with the
 * same certificates and data. opts: dir, signal ("SIGTERM", the default: a graceful shutdown;
 * "SIGKILL": a crash), timeoutMs, log.
 */
export async function stopApiServer(opts = {}) {
  const log = makeLogger(opts.log);
  const dir = path.resolve(opts.dir ?? defaultClusterDir());
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const signal = opts.signal ?? "SIGTERM";
  return withLock(dir, timeoutMs + 10_000, async () => {
    const t0 = Date.now();
    const state = startedState(dir);
    const pid = state.pids.apiserver;
    const wasRunning = isOurProcess(pid, BINARIES.apiserver);
    await terminate({ apiserver: pid }, timeoutMs, log, signal);
    log(
      `kube-apiserver (pid ${pid}) ${wasRunning ? `stopped with ${signal}` : "was not running"} (${secs(Date.now() - t0)})`,
    );
    return { stopped: wasRunning, pid, stopMs: Date.now() - t0 };
  });
}

/**
 * Starts kube-apiserver again after `stopApiServer`, with the flags, port, certificates and etcd
 * it had, and waits for /readyz; restarts the controller manager too if it exited meanwhile.
 * Harmless when the API server runs. opts: dir, timeoutMs, log.
 */
export async function startApiServer(opts = {}) {
  const log = makeLogger(opts.log);
  const dir = path.resolve(opts.dir ?? defaultClusterDir());
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return withLock(dir, timeoutMs, async () => {
    const t0 = Date.now();
    const state = startedState(dir);
    const deadline = Date.now() + timeoutMs;
    const restarted = [];
    if (!isOurProcess(state.pids.apiserver, BINARIES.apiserver)) {
      // A killed multi-threaded process can show as gone before its last thread releases the port.
      await waitFor(`port ${state.ports.apiserver} to be free`, () => portIsFree(state.ports.apiserver), { deadline });
      const proc = spawnDetached(
        "kube-apiserver",
        path.join(state.binDir, BINARIES.apiserver),
        apiserverArgs(dir, state.ports),
        dir,
      );
      state.pids.apiserver = proc.pid;
      writeState(dir, state);
      const ca = fs.readFileSync(state.caFile);
      const token = readToken(dir);
      await waitFor(
        "kube-apiserver /readyz",
        async () => (await get(`${state.server}/readyz`, { ca, token, timeoutMs: 2000 })).status === 200,
        { deadline, procs: [proc] },
      );
      restarted.push("kube-apiserver");
    }
    const kcmPid = state.pids.controllerManager;
    if (kcmPid !== undefined && !isOurProcess(kcmPid, BINARIES.controllerManager)) {
      const args = controllerManagerArgs(dir, state.ports, state.controllers ?? DEFAULT_CONTROLLERS);
      const proc = spawnDetached(
        "kube-controller-manager",
        path.join(state.binDir, BINARIES.controllerManager),
        args,
        dir,
      );
      state.pids.controllerManager = proc.pid;
      writeState(dir, state);
      restarted.push("kube-controller-manager");
    }
    log(
      `${restarted.length ? `restarted ${restarted.join(", ")}` : "kube-apiserver already running"} (${secs(Date.now() - t0)})`,
    );
    return describe(dir, state, { running: true, restarted, startMs: Date.now() - t0 });
  });
}

// ---------------------------------------------------------------- CLI

const shq = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;

async function main(argv) {
  const cmd = argv[0];
  const out = (msg) => process.stdout.write(`${msg}\n`);
  const log = (msg) => out(`[cluster] ${msg}`);
  switch (cmd) {
    case "start": {
      await startCluster({ log });
      return 0;
    }
    case "stop": {
      await stopCluster({ log });
      return 0;
    }
    case "status": {
      const s = await clusterStatus();
      if (!s.running) {
        const why = s.dead?.length
          ? ` (${s.dead.map((n) => BINARIES[n]).join(", ")} not running)`
          : s.pids
            ? " (processes alive but /readyz fails)"
            : "";
        out(`stopped${why}${s.stale ? `; stale state in ${s.dir}: run stop or start` : ""}`);
        return 3;
      }
      out(`running: ${s.server}`);
      out(
        `  ports: ${Object.entries(s.ports)
          .map(([k, v]) => `${k}=${v}`)
          .join(" ")}`,
      );
      out(
        `  pids: ${Object.entries(s.pids)
          .map(([k, v]) => `${k}=${v}`)
          .join(" ")}`,
      );
      out(`  kubeconfig: ${s.kubeconfigPath}`);
      out(`  dir: ${s.dir}`);
      return 0;
    }
    case "env": {
      const s = await clusterStatus();
      if (!s.running) {
        process.stderr.write("[cluster] not running (start it with: npm run cluster -- start)\n");
        return 3;
      }
      out(`export KUBECONFIG=${shq(s.kubeconfigPath)}`);
      return 0;
    }
    default:
      process.stderr.write("usage: node scripts/cluster.mjs start|stop|status|env\n");
      return 2;
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url))) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`[cluster] error: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
