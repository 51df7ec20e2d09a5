/**
 * `node tools/cli/pulumi-env.ts [--backend DIR] [--kubeconfig FILE] [--home DIR]`: prepares the
 * isolated Pulumi environment (building the toolchain if needed) and prints `export ...` lines:
 *
 *   eval "$(node tools/cli/pulumi-env.ts --kubeconfig ~/.kube/config)"; pulumi stack init dev; pulumi up
 */
import { type PulumiEnvOptions, setupPulumi } from "../pulumi-env.ts";
import { exportLine } from "../shell.ts";

const FLAGS = { "--backend": "backendDir", "--kubeconfig": "kubeconfig", "--home": "home" } as const;

async function main(argv: string[]): Promise<number> {
  const opts: Omit<PulumiEnvOptions, "binDir"> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = FLAGS[argv[i] as keyof typeof FLAGS];
    const value = argv[i + 1];
    if (!key || value === undefined) {
      process.stderr.write("usage: node tools/cli/pulumi-env.ts [--backend DIR] [--kubeconfig FILE] [--home DIR]\n");
      return 2;
    }
    opts[key] = value;
  }
  const { env } = await setupPulumi(opts);
  for (const [name, value] of Object.entries(env)) process.stdout.write(`${exportLine(name, value)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`[pulumi-env] error: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
