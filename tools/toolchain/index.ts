/**
 * Where the pinned tools are: pulumi, its Node.js language host, pulumi-resource-kubernetes,
 * etcd, kube-apiserver, kube-controller-manager and kubectl, built by tools/toolchain/build.
 *
 * Environment: KUBESECRET_TOOLCHAIN_BIN uses the tools in that directory as they are (no build).
 * Without Go, a `pulumi` on PATH is used when it is the pinned version and a
 * pulumi-resource-kubernetes binary sits next to it.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type LogOption, makeLogger, secs } from "../log.ts";
import { REPO_ROOT, TOOLCHAIN_DIR, TOOLCHAIN_SCRIPT, isExecutable, which } from "../repo.ts";

/** The pinned versions, from tools/toolchain/versions.env. */
export const VERSIONS = (() => {
  const text = fs.readFileSync(path.join(TOOLCHAIN_DIR, "versions.env"), "utf8");
  const vars = new Map([...text.matchAll(/^([A-Z_]+)=(\S+)\s*$/gm)].map((m) => [m[1]!, m[2]!]));
  const get = (name: string) => {
    const value = vars.get(name);
    if (!value) throw new Error(`tools/toolchain/versions.env has no ${name}`);
    return value;
  };
  return { pulumi: get("PULUMI_VERSION"), kubernetesProvider: get("PULUMI_KUBERNETES_VERSION") };
})();

/** Where the tools came from: KUBESECRET_TOOLCHAIN_BIN, a build by tools/toolchain/build, or PATH. */
export type ToolchainSource = "env" | "toolchain" | "path";

export interface Toolchain {
  binDir: string;
  source: ToolchainSource;
  ms: number;
}

const PULUMI_TOOLS = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-kubernetes"];

/**
 * The toolchain's bin directory without building anything: `binDir` when given, else
 * KUBESECRET_TOOLCHAIN_BIN, else what `tools/toolchain/build --print` says.
 */
export function toolchainBinDir(binDir?: string): string {
  if (binDir) return path.resolve(binDir);
  if (process.env.KUBESECRET_TOOLCHAIN_BIN) return path.resolve(process.env.KUBESECRET_TOOLCHAIN_BIN);
  try {
    const out = execFileSync(TOOLCHAIN_SCRIPT, ["--print"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return out.trim().split("\n").pop()!;
  } catch (err) {
    throw new Error(`cannot locate the toolchain: tools/toolchain/build --print failed: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** Fails unless every one of `names` is an executable in `binDir`. */
export function checkBinaries(binDir: string, names: readonly string[]): void {
  const missing = names.filter((n) => !isExecutable(path.join(binDir, n)));
  if (missing.length) {
    throw new Error(
      `missing ${missing.join(", ")} in ${binDir}: run tools/toolchain/build ` +
        "(or point KUBESECRET_TOOLCHAIN_BIN at a directory holding them)",
    );
  }
}

/** Runs tools/toolchain/build (builds what is missing), streaming its progress; resolves to the bin dir. */
function buildToolchain(log: (message: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(TOOLCHAIN_SCRIPT, [], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let pending = "";
    let cached = 0;
    // "<tool>: cached" lines are only counted, the rest shown as they come.
    const show = (line: string) => {
      if (/: cached$/.test(line)) cached += 1;
      else if (line && !/^\[toolchain\] cache: /.test(line)) log(line.replace(/^\[toolchain\] /, "toolchain: "));
    };
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => {
      const lines = (pending + c).split("\n");
      pending = lines.pop()!;
      lines.forEach(show);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      show(pending);
      if (cached) log(`toolchain: ${cached} tools cached`);
      if (code !== 0) return reject(new Error(`tools/toolchain/build failed (${signal ?? `exit code ${code}`})`));
      resolve(stdout.trim().split("\n").pop()!);
    });
  });
}

/** The `vX.Y.Z` a pulumi binary reports, or undefined when it cannot be run. */
function pulumiVersion(pulumi: string): string | undefined {
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

/**
 * Makes sure the pinned pulumi, pulumi-language-nodejs and pulumi-resource-kubernetes exist
 * (building them with tools/toolchain/build when Go is there) and checks `pulumi version`.
 */
export async function ensureToolchain(opts: { log?: LogOption } = {}): Promise<Toolchain> {
  const log = makeLogger(opts.log, "toolchain");
  const t0 = Date.now();
  let binDir: string;
  let source: ToolchainSource;
  if (process.env.KUBESECRET_TOOLCHAIN_BIN) {
    binDir = path.resolve(process.env.KUBESECRET_TOOLCHAIN_BIN);
    source = "env";
  } else if (which("go")) {
    binDir = await buildToolchain(log);
    source = "toolchain";
  } else {
    const onPath = which("pulumi");
    const dir = onPath && path.dirname(fs.realpathSync(onPath));
    if (!dir || !isExecutable(path.join(dir, "pulumi-resource-kubernetes"))) {
      throw new Error(
        "Go is needed to build the toolchain (tools/toolchain/build); without it, put pulumi " +
          `v${VERSIONS.pulumi} with pulumi-language-nodejs and pulumi-resource-kubernetes ` +
          `v${VERSIONS.kubernetesProvider} next to it on PATH, or set KUBESECRET_TOOLCHAIN_BIN`,
      );
    }
    binDir = dir;
    source = "path";
  }
  checkBinaries(binDir, PULUMI_TOOLS);
  const version = pulumiVersion(path.join(binDir, "pulumi"));
  if (version !== `v${VERSIONS.pulumi}`) {
    throw new Error(`${path.join(binDir, "pulumi")} reports ${version ?? "nothing"}; v${VERSIONS.pulumi} is pinned`);
  }
  log(`toolchain ready (${source}): ${binDir} (${secs(Date.now() - t0)})`);
  return { binDir, source, ms: Date.now() - t0 };
}
