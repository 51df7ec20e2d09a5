/**
 * A fresh project outside the repo with the packed library installed from its tarball, next to
 * @pulumi/pulumi and @pulumi/kubernetes at the versions the repo pins: what a new user has after
 * `npm install kubesecret`. Programs (and the mocks runs) resolve every module from here.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { PackedLibrary } from "./pack.ts";

const run = promisify(execFile);

/** The versions the repo's package.json pins in devDependencies. */
function devDependencies(repo: string): Record<string, string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")) as {
    devDependencies?: Record<string, string>;
  };
  return pkg.devDependencies ?? {};
}

/** The SDK versions pinned in the repo's package.json devDependencies. */
export function pinnedSdkVersions(repo: string): { pulumi: string; kubernetes: string } {
  const pins = devDependencies(repo);
  const pulumi = pins["@pulumi/pulumi"];
  const kubernetes = pins["@pulumi/kubernetes"];
  if (!pulumi || !kubernetes) throw new Error("package.json pins no @pulumi/pulumi or @pulumi/kubernetes");
  return { pulumi, kubernetes };
}

/**
 * Installs `library` into `dir` (created), with `extra` packages at the versions the repo pins in
 * devDependencies. Install scripts are skipped: the only one, @pulumi/kubernetes' plugin
 * download, is replaced by the toolchain's provider binary.
 */
export async function installLibrary(
  repo: string,
  library: PackedLibrary,
  dir: string,
  extra: readonly string[] = [],
): Promise<string> {
  const sdk = pinnedSdkVersions(repo);
  const pins = devDependencies(repo);
  const extras = Object.fromEntries(
    extra.map((name) => {
      if (!pins[name]) throw new Error(`package.json pins no ${name} in devDependencies`);
      return [name, pins[name]];
    }),
  );
  fs.mkdirSync(dir, { recursive: true });
  const pkg = {
    name: `kubesecret-bench-${library.info.id.toLowerCase()}`,
    private: true,
    description: "Written by kubesecret's bench: the library from its tarball and the pinned Pulumi SDKs.",
    dependencies: {
      "@pulumi/kubernetes": sdk.kubernetes,
      "@pulumi/pulumi": sdk.pulumi,
      kubesecret: `file:${library.tarball}`,
      ...extras,
    },
  };
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  await run("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", "--silent"], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  const installed = JSON.parse(
    fs.readFileSync(path.join(dir, "node_modules", "kubesecret", "package.json"), "utf8"),
  ) as { version: string };
  if (!installed.version) throw new Error(`kubesecret did not install into ${dir}`);
  return dir;
}

/** The version of a package installed in `dir`. */
export function installedVersion(dir: string, name: string): string {
  const file = path.join(dir, "node_modules", ...name.split("/"), "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

/** Whether the library installed in `dir` has write-only Secrets (exports its dynamic provider). */
export function supportsWriteOnly(dir: string): boolean {
  const file = path.join(dir, "node_modules", "kubesecret", "package.json");
  const { exports } = JSON.parse(fs.readFileSync(file, "utf8")) as { exports?: Record<string, unknown> };
  return typeof exports === "object" && exports !== null && "./write-only-provider" in exports;
}
