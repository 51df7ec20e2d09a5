/**
 * An isolated Pulumi environment for the demo and the end-to-end tests: the pinned CLI and
 * Kubernetes provider, a private PULUMI_HOME with the provider installed from the toolchain's
 * binary, a file backend and a passphrase, and nothing taken from (or written to) ~/.pulumi.
 *
 *   const { env, pulumiRoot } = await setupPulumi({ backendDir, kubeconfig, log })
 *     env          variables to run `pulumi` (or the Automation API) with; merge over process.env
 *     pulumiRoot   the CLI's installation root (`<root>/bin/pulumi`), for PulumiCommand.get
 *
 * Environment: KUBESECRET_PULUMI_HOME is the PULUMI_HOME to prepare (default .pulumi-test/home).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { withLock } from "./lock.ts";
import { type LogOption, makeLogger, secs } from "./log.ts";
import { SCRATCH_DIR, nodeBinDir } from "./repo.ts";
import { type Toolchain, VERSIONS, ensureToolchain } from "./toolchain/index.ts";

/** A passphrase for throwaway test and demo stacks only: it protects nothing of value. */
export const DEFAULT_PASSPHRASE = "kubesecret-throwaway-stacks";

export interface PulumiEnvOptions {
  /** The toolchain's bin directory (pulumi, its language host, the provider binary). */
  binDir: string;
  /** PULUMI_HOME to prepare (default KUBESECRET_PULUMI_HOME or .pulumi-test/home). */
  home?: string;
  /** The file backend's directory (default .pulumi-test/backend). */
  backendDir?: string;
  /** KUBECONFIG for the provider. */
  kubeconfig?: string;
  passphrase?: string;
  log?: LogOption;
}

export interface PulumiEnv {
  /** Variables to run pulumi with; merge over process.env. */
  env: Record<string, string>;
  binDir: string;
  pulumi: string;
  /** The CLI's installation root for PulumiCommand.get({ root }) (undefined when not in a bin/ dir). */
  pulumiRoot: string | undefined;
  home: string;
  backendDir: string;
  backendUrl: string;
  ms: number;
}

/** Size and mtime of a binary (and the toolchain's source key when there is one). */
function fingerprint(file: string): string {
  const st = fs.statSync(file);
  let key = "";
  try {
    key = fs.readFileSync(`${file}.key`, "utf8").trim();
  } catch {}
  return JSON.stringify({ file, size: st.size, mtimeMs: Math.trunc(st.mtimeMs), key });
}

/**
 * Prepares PULUMI_HOME with the Kubernetes provider from `binDir` installed, and the file
 * backend. Idempotent: the plugin is installed again only when the toolchain's binary changed.
 */
export async function preparePulumiEnv(opts: PulumiEnvOptions): Promise<PulumiEnv> {
  const log = makeLogger(opts.log, "pulumi-env");
  const t0 = Date.now();
  const binDir = path.resolve(opts.binDir);
  const home = path.resolve(opts.home ?? process.env.KUBESECRET_PULUMI_HOME ?? path.join(SCRATCH_DIR, "home"));
  const backendDir = path.resolve(opts.backendDir ?? path.join(SCRATCH_DIR, "backend"));
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  fs.mkdirSync(backendDir, { recursive: true, mode: 0o700 });

  const env: Record<string, string> = {
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
  await withLock(path.join(home, ".kubesecret-lock"), { timeoutMs: 120_000 }, async () => {
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
    pulumiRoot: path.basename(binDir) === "bin" ? path.dirname(binDir) : undefined,
    home,
    backendDir,
    backendUrl: env.PULUMI_BACKEND_URL!,
    ms: Date.now() - t0,
  };
}

/** ensureToolchain, then preparePulumiEnv with its bin dir. */
export async function setupPulumi(
  opts: Omit<PulumiEnvOptions, "binDir"> = {},
): Promise<PulumiEnv & { toolchain: Toolchain }> {
  const toolchain = await ensureToolchain(opts);
  const prepared = await preparePulumiEnv({ ...opts, binDir: toolchain.binDir });
  return { ...prepared, toolchain };
}
