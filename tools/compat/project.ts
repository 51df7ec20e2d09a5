/**
 * The scratch projects of the compatibility run, outside the repository:
 *   a test project per @pulumi/pulumi × @pulumi/kubernetes pair: the packed kubesecret installed
 *     from its tarball next to those two versions, plus copies of the unit suite, what it imports
 *     (tools/tls.ts, the repo's vitest config) and the compat vitest config;
 *   a Node.js project per version: the npm package `node`, whose binary runs the tests.
 * npm's cache is shared, so a package downloaded once installs offline after that.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { installedVersion } from "../install.ts";
import { filesBelow, importClosure, importedPackages, withPackageScopes } from "./closure.ts";
import type { Combination } from "./matrix.ts";
import type { Manifest } from "./registry.ts";
import { SUITE_DIR, isSuiteTest } from "./suite.ts";

const run = promisify(execFile);

/** The compat vitest config, relative to the repository (and to each test project). */
export const COMPAT_CONFIG = "tools/compat/vitest.config.ts";

const NPM_INSTALL = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];

/** A ready test project. */
export interface TestProject {
  dir: string;
  /** The suite's test files, relative to `dir`. */
  testFiles: string[];
}

/** The files a test project copies from the repository, relative to it. */
export function projectFiles(repo: string): string[] {
  return withPackageScopes(repo, importClosure(repo, [...filesBelow(repo, SUITE_DIR), COMPAT_CONFIG], "src"));
}

/**
 * The dependencies of a test project: kubesecret from `tarball`, the SDKs at the combination's
 * versions, and every other package the copied files import at the version the repo pins.
 */
export function projectDependencies(
  repo: string,
  files: readonly string[],
  manifest: Manifest,
  sdks: Pick<Combination, "pulumi" | "kubernetes">,
  tarball: string,
): Record<string, string> {
  const deps: Record<string, string> = {
    "@pulumi/pulumi": sdks.pulumi,
    "@pulumi/kubernetes": sdks.kubernetes,
    kubesecret: `file:${tarball}`,
  };
  for (const file of files) {
    for (const name of importedPackages(fs.readFileSync(path.join(repo, file), "utf8"))) {
      if (name in deps) continue;
      const pin = manifest.devDependencies[name];
      if (!pin) throw new Error(`${file} imports ${name}, which package.json does not pin in devDependencies`);
      deps[name] = pin;
    }
  }
  return deps;
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Creates the test project for one SDK pair in `dir`. Install scripts are skipped: the only one,
 * @pulumi/kubernetes' provider download, is not needed by tests that run on mocks.
 */
export async function createTestProject(
  repo: string,
  dir: string,
  manifest: Manifest,
  sdks: Pick<Combination, "pulumi" | "kubernetes">,
  tarball: string,
): Promise<TestProject> {
  const files = projectFiles(repo);
  fs.mkdirSync(dir, { recursive: true });
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(repo, file), path.join(dir, file));
  }
  writeJson(path.join(dir, "package.json"), {
    name: "kubesecret-compat",
    private: true,
    description: "Written by npm run test:compat: kubesecret's unit suite against the packed package.",
    dependencies: projectDependencies(repo, files, manifest, sdks, tarball),
  });
  await run("npm", [...NPM_INSTALL, "--ignore-scripts"], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  const expected = { "@pulumi/pulumi": sdks.pulumi, "@pulumi/kubernetes": sdks.kubernetes };
  for (const [name, version] of Object.entries(expected)) {
    // Some old releases say "v4.8.1" in their package.json.
    const installed = installedVersion(dir, name).replace(/^v/, "");
    if (installed !== version) throw new Error(`${dir}: npm installed ${name} ${installed}, not ${version}`);
  }
  return { dir, testFiles: files.filter(isSuiteTest) };
}

/**
 * Installs Node.js `version` (the npm package `node`, whose install script fetches the binary
 * for this platform, also from the registry) into `dir`; returns its bin directory.
 */
export async function installNode(dir: string, version: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  writeJson(path.join(dir, "package.json"), { name: "kubesecret-compat-node", private: true });
  await run("npm", [...NPM_INSTALL, `node@${version}`], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  const bin = path.join(dir, "node_modules", "node", "bin");
  const { stdout } = await run(path.join(bin, "node"), ["--version"]);
  if (stdout.trim() !== `v${version}`) throw new Error(`${dir}: node --version says ${stdout.trim()}, not v${version}`);
  return bin;
}
