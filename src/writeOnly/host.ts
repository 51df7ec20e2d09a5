/**
 * Whether write-only Secrets can work where this program runs. Refresh and destroy run the
 * dynamic provider without the program, in the program's directory, and it loads
 * `kubesecret/write-only-provider` from there: a TypeScript or JavaScript program that installed
 * kubesecret has it; a YAML, Python or Go program, served by the kubesecret plugin, does not.
 */
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
    require.resolve(PROVIDER_MODULE, { paths: [root] });
    return true;
  } catch {
    return false;
  }
}
