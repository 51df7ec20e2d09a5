/**
 * The versions the compatibility run installs, read from the repository's package.json and
 * resolved against the npm registry (`npm view`, through the user's npm configuration):
 *   @pulumi/pulumi, @pulumi/kubernetes  the oldest and the newest release the peer range allows
 *   Node.js (the npm package `node`)    the newest release of the lowest major `engines.node`
 *                                       allows, and of the major the repo pins (CI's Node.js)
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Axes } from "./matrix.ts";
import { extremes, lowestMajor, parseVersionList } from "./versions.ts";

const run = promisify(execFile);

/** The fields of the repository's package.json the run reads. */
export interface Manifest {
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  engines: { node: string };
}

/** The repository's package.json; fails when a field the run needs is missing. */
export function readManifest(repo: string): Manifest {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")) as Partial<Manifest>;
  if (!pkg.peerDependencies || !pkg.devDependencies || !pkg.engines?.node) {
    throw new Error("package.json lacks peerDependencies, devDependencies or engines.node");
  }
  return pkg as Manifest;
}

/** The SDK packages whose peer ranges span the matrix. */
export const SDKS = ["@pulumi/pulumi", "@pulumi/kubernetes"] as const;

/** Every release of `name` that `range` allows, oldest first. */
export async function publishedVersions(name: string, range: string): Promise<string[]> {
  const { stdout } = await run("npm", ["view", `${name}@${range}`, "version", "--json"], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseVersionList(stdout);
}

function pinnedMajor(manifest: Manifest, name: string): number {
  const pin = manifest.devDependencies[name];
  const match = pin ? /^(\d+)\./.exec(pin) : null;
  if (!match) throw new Error(`package.json pins no exact ${name} in devDependencies`);
  return Number(match[1]);
}

/** The matrix's axes for the repository's package.json, resolved against the registry. */
export async function resolveAxes(manifest: Manifest): Promise<Axes> {
  const sdkAxis = async (name: string) => {
    const range = manifest.peerDependencies[name];
    if (!range) throw new Error(`package.json has no peer dependency on ${name}`);
    const { oldest, newest } = extremes(await publishedVersions(name, range), `${name}@${range}`);
    return [oldest, newest];
  };
  const majors = [...new Set([lowestMajor(manifest.engines.node), pinnedMajor(manifest, "node")])].sort(
    (a, b) => a - b,
  );
  const node = await Promise.all(
    majors.map(async (major) => extremes(await publishedVersions("node", String(major)), `node@${major}`).newest),
  );
  const [pulumi, kubernetes] = await Promise.all(SDKS.map(sdkAxis));
  return { pulumi: pulumi!, kubernetes: kubernetes!, node };
}
