/**
 * Whether write-only Secrets can work where this program runs. Refresh and destroy run the
 * dynamic provider without the program, in the program's directory, and it loads
 * `kubesecret/write-only-provider` from there: a TypeScript or JavaScript program that installed
 * kubesecret has it; a YAML, Python or Go program, served by the kubesecret plugin, does not
 * (the plugin's own copy does not count: the provider process does not load from there).
 */
import { createRequire } from "node:module";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";

export const PROVIDER_MODULE = "kubesecret/write-only-provider";

export function providerModuleReachable(): boolean {
  let root: string;
  try {
    root = pulumi.runtime.getRootDirectory();
  } catch {
    root = process.cwd();
  }
  try {
    // Resolved as a module in that directory would: `require.resolve(…, { paths })` from inside
    // kubesecret finds kubesecret itself (a package may import itself by name), so in the
    // kubesecret plugin that hosts YAML and Python programs it always succeeded.
    createRequire(path.join(root, "program.js")).resolve(PROVIDER_MODULE);
    return true;
  } catch {
    return false;
  }
}
