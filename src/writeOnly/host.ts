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
  if (servedByPlugin()) return false;
  // A program run by the Node.js language host knows its root; an inline (Automation API)
  // program does not ("rootDirectory"): its working directory stands in.
  const root = pulumi.runtime.getRootDirectory();
  const dir = path.isAbsolute(root) ? root : process.cwd();
  try {
    createRequire(path.join(dir, "program.js")).resolve(PROVIDER_MODULE);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether this component is served by the kubesecret plugin to a program in another language
 * (Pulumi's plugin runner is the main module). No module lookup can tell: the plugin runs in the
 * program's directory, and from there (or any directory inside the kubesecret package) kubesecret
 * resolves itself by name, while the dynamic provider, started by the engine in that directory,
 * finds neither @pulumi/pulumi nor kubesecret there.
 */
function servedByPlugin(): boolean {
  const main = require.main?.filename ?? process.argv[1] ?? "";
  return /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]run-plugin[\\/]/.test(main);
}
