#!/usr/bin/env node
// An isolated Pulumi environment for the demo and the end-to-end tests: the pinned CLI and
// Kubernetes provider, a private PULUMI_HOME with the provider installed from the toolchain's
// binary, a file backend and a passphrase, and nothing taken from (or written to) ~/.pulumi.
//
//   node scripts/pulumi-env.mjs [--backend DIR] [--kubeconfig FILE]
//       prepare the environment (building the toolchain if needed), then print `export ...`
//       lines for a shell: eval "$(node scripts/pulumi-env.mjs)"; pulumi stack init dev; pulumi up
//
// As a module:
//   const { env, pulumiRoot } = await setupPulumi({ backendDir, kubeconfig, log })
//     env          variables to run `pulumi` (or the Automation API) with; merge over process.env
//     pulumiRoot   the CLI's installation root (`<root>/bin/pulumi`), for PulumiCommand.get
//
// Environment:
//   KUBESECRET_TOOLCHAIN_BIN   use the tools in this directory as they are (no build)
//   KUBESECRET_PULUMI_HOME     the PULUMI_HOME to prepare (default: <repo>/.pulumi-test/home)
//
// The toolchain comes from scripts/toolchain (which builds what is missing and is quick when
// everything is cached). Without Go, a `pulumi` on PATH is used when it is the pinned version
// and a pulumi-resource-kubernetes binary sits next to it.

import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The pinned versions, from toolchain/versions.env. */
export const VERSIONS = (() => {
  const text = fs.readFileSync(path.join(REPO_ROOT, "toolchain", "versions.env"), "utf8");
  const vars = Object.fromEntries([...text.matchAll(/^([A-Z_]+)=(\S+)\s*$/gm)].map((m) => [m[1], m[2]]));
  return { pulumi: vars.PULUMI_VERSION, kubernetesProvider: vars.PULUMI_KUBERNETES_VERSION };
})();

/** A passphrase for throwaway test and demo stacks only: it protects nothing of value. */
export const DEFAULT_PASSPHRASE = "kubesecret-throwaway-stacks";

const PULUMI_TOOLS = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-kubernetes"];
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

function makeLogger(log) {
  if (log === false) return () => {};
  if (typeof log === "function") return log;
  return (msg) => process.stderr.write(`[pulumi-env] ${msg}\n`);
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function which(name, pathVar = process.env.PATH ?? "") {
  for (const dir of pathVar.split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** The `vX.Y.Z` a pulumi binary reports, or undefined when it cannot be run. */
function pulumiVersion(pulumi) {
  try {
    return execFileSync(pulumi, ["version"], {
      encoding: "utf8",
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 30_000,
    }).trim();
  } catch {
    return undefined;
  }
}

/** The Node.js 24 the repo pins (node_modules/node), else the one running this script. */
export function nodeBinDir() {
  const pinned = path.join(REPO_ROOT, "node_modules", "node", "bin");
  return isExecutable(path.join(pinned, "node")) ? pinned : path.dirname(process.execPath);
}

function runToolchain(log) {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(REPO_ROOT, "scripts", "toolchain"), [], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let pending = "";
    child.stdout.setEncoding("utf8").on("data", (c) => (stdout += c));
    // Stream the build's progress line by line through the logger ("cached" lines summed up).
    let cached = 0;
    const show = (line) => {
      if (/: cached$|^\[toolchain\] cache: /.test(line)) cached += /: cached$/.test(line) ? 1 : 0;
      else if (line) log(line.replace(/^\[toolchain\] /, "toolchain: "));
    };
    child.stderr.setEncoding("utf8").on("data", (c) => {
      const lines = (pending + c).split("\n");
      pending = lines.pop();
      lines.forEach(show);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      show(pending);
      if (cached) log(`toolchain: ${cached} tools cached`);
      if (code !== 0) return reject(new Error(`scripts/toolchain failed (${signal ?? `exit code ${code}`})`));
      resolve(stdout.trim().split("\n").pop());
    });
  });
}

/**
 * Makes sure the pinned pulumi, pulumi-language-nodejs and pulumi-resource-kubernetes exist and
 * returns `{ binDir, source }` (source: "env", "toolchain" or "path"). Also checks `pulumi version`.
 */
export async function ensureToolchain(opts = {}) {
  const log = makeLogger(opts.log);
  const t0 = Date.now();
  let binDir;
  let source;
  if (process.env.KUBESECRET_TOOLCHAIN_BIN) {
    binDir = path.resolve(process.env.KUBESECRET_TOOLCHAIN_BIN);
    source = "env";
  } else if (which("go")) {
    binDir = await runToolchain(log);
    source = "toolchain";
  } else {
    const onPath = which("pulumi");
    const dir = onPath && path.dirname(fs.realpathSync(onPath));
    if (!dir || !isExecutable(path.join(dir, "pulumi-resource-kubernetes"))) {
      throw new Error(
        "Go is needed to build the toolchain (scripts/toolchain); without it, put pulumi " +
          `v${VERSIONS.pulumi} with pulumi-language-nodejs and pulumi-resource-kubernetes ` +
          `v${VERSIONS.kubernetesProvider} next to it on PATH, or set KUBESECRET_TOOLCHAIN_BIN`,
      );
    }
    binDir = dir;
    source = "path";
  }
  const missing = PULUMI_TOOLS.filter((t) => !isExecutable(path.join(binDir, t)));
  if (missing.length) throw new Error(`missing ${missing.join(", ")} in ${binDir}`);
  const version = pulumiVersion(path.join(binDir, "pulumi"));
  if (version !== `v${VERSIONS.pulumi}`) {
    throw new Error(`${path.join(binDir, "pulumi")} reports ${version ?? "nothing"}; v${VERSIONS.pulumi} is pinned`);
  }
  log(`toolchain ready (${source}): ${binDir} (${secs(Date.now() - t0)})`);
  return { binDir, source, ms: Date.now() - t0 };
}

async function withLock(lockPath, timeoutMs, fn) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(lockPath);
      fs.writeFileSync(path.join(lockPath, "pid"), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      let holder = 0;
      try {
        holder = Number(fs.readFileSync(path.join(lockPath, "pid"), "utf8"));
      } catch {}
      let alive = false;
      if (holder) {
        try {
          process.kill(holder, 0);
          alive = true;
        } catch (e) {
          alive = e.code === "EPERM";
        }
      }
      // A lock without a live holder (or one whose holder never wrote its pid) is stale.
      const age = Date.now() - (fs.statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if ((holder && !alive) || (!holder && age > 10_000)) {
        fs.rmSync(lockPath, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lockPath} is held by pid ${holder}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockPath, { recursive: true, force: true });
  }
}

/** Size and mtime of a binary (and the toolchain's source key when there is one). */
function fingerprint(file) {
  const st = fs.statSync(file);
  let key = "";
  try {
    key = fs.readFileSync(`${file}.key`, "utf8").trim();
  } catch {}
  return JSON.stringify({ file, size: st.size, mtimeMs: Math.trunc(st.mtimeMs), key });
}

/**
 * Prepares PULUMI_HOME (`opts.home`, default KUBESECRET_PULUMI_HOME or <repo>/.pulumi-test/home)
 * with the Kubernetes provider from `binDir` installed, and the file backend `opts.backendDir`
 * (default <repo>/.pulumi-test/backend). Returns the variables to run pulumi with. Idempotent:
 * the plugin is installed again only when the toolchain's binary changed.
 */
export async function preparePulumiEnv(opts) {
  const log = makeLogger(opts.log);
  const t0 = Date.now();
  const binDir = path.resolve(opts.binDir);
  const home = path.resolve(
    opts.home ?? process.env.KUBESECRET_PULUMI_HOME ?? path.join(REPO_ROOT, ".pulumi-test", "home"),
  );
  const backendDir = path.resolve(opts.backendDir ?? path.join(REPO_ROOT, ".pulumi-test", "backend"));
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  fs.mkdirSync(backendDir, { recursive: true, mode: 0o700 });

  const env = {
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: opts.passphrase ?? DEFAULT_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // Take the provider from PULUMI_HOME (installed below), never a pulumi-resource-* found on
    // PATH (the toolchain's bin dir is on PATH). The language host is still found next to pulumi.
    PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
    // Plain-JSON state files, so tests can read them.
    PULUMI_DIY_BACKEND_GZIP: "false",
    PATH: [binDir, nodeBinDir(), process.env.PATH ?? ""].join(path.delimiter),
  };
  if (opts.kubeconfig) env.KUBECONFIG = path.resolve(opts.kubeconfig);

  const provider = path.join(binDir, "pulumi-resource-kubernetes");
  const version = `v${VERSIONS.kubernetesProvider}`;
  const pluginDir = path.join(home, "plugins", `resource-kubernetes-${version}`);
  const marker = path.join(home, "kubernetes-provider.installed");
  const wanted = fingerprint(provider);
  await withLock(path.join(home, ".kubesecret-lock"), 120_000, async () => {
    const installed = fs.existsSync(path.join(pluginDir, "pulumi-resource-kubernetes"));
    if (installed && fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === wanted) return;
    const t = Date.now();
    execFileSync(
      path.join(binDir, "pulumi"),
      ["plugin", "install", "resource", "kubernetes", version, "--file", provider, "--reinstall"],
      { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
    );
    fs.writeFileSync(marker, wanted);
    log(`installed the kubernetes provider ${version} into ${home} (${secs(Date.now() - t)})`);
  });

  return {
    env,
    binDir,
    pulumi: path.join(binDir, "pulumi"),
    // PulumiCommand.get({ root }) runs `<root>/bin/pulumi`.
    pulumiRoot: path.basename(binDir) === "bin" ? path.dirname(binDir) : undefined,
    home,
    backendDir,
    backendUrl: env.PULUMI_BACKEND_URL,
    ms: Date.now() - t0,
  };
}

/** ensureToolchain + preparePulumiEnv. */
export async function setupPulumi(opts = {}) {
  const toolchain = await ensureToolchain(opts);
  const prepared = await preparePulumiEnv({ ...opts, binDir: toolchain.binDir });
  return { ...prepared, toolchain };
}

// ---------------------------------------------------------------- CLI

const shq = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;

async function main(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--backend") opts.backendDir = argv[++i];
    else if (a === "--kubeconfig") opts.kubeconfig = argv[++i];
    else if (a === "--home") opts.home = argv[++i];
    else {
      process.stderr.write("usage: node scripts/pulumi-env.mjs [--backend DIR] [--kubeconfig FILE] [--home DIR]\n");
      return 2;
    }
  }
  const { env } = await setupPulumi(opts);
  for (const [k, v] of Object.entries(env)) process.stdout.write(`export ${k}=${shq(v)}\n`);
  return 0;
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url))) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`[pulumi-env] error: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
