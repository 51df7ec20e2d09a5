/**
 * `npm run demo`: the kubesecret demo (see tools/demo/run.ts).
 *
 *   npm run demo                              a private local cluster, started and stopped here
 *   npm run demo -- --kubeconfig FILE         an existing cluster instead (nothing started);
 *                                             also KUBESECRET_DEMO_KUBECONFIG=FILE
 *   npm run demo -- --keep                    leave the stack, its Secrets and the cluster up
 *
 * State (file backend) and PULUMI_HOME live under .pulumi-test/ (gitignored); the program runs
 * from a copy of examples/quickstart with the packed package installed, in a temporary directory.
 */
import { type DemoOptions, runDemo } from "../demo/run.ts";
import { Steps, out } from "../demo/steps.ts";

function parseArgs(argv: readonly string[]): DemoOptions | undefined {
  const opts: DemoOptions = { kubeconfig: process.env.KUBESECRET_DEMO_KUBECONFIG || undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--kubeconfig" && argv[i + 1]) opts.kubeconfig = argv[++i];
    else if (arg.startsWith("--kubeconfig=")) opts.kubeconfig = arg.slice("--kubeconfig=".length);
    else if (arg === "--keep") opts.keep = true;
    else return undefined;
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
if (!opts) {
  process.stderr.write("usage: npm run demo [-- --kubeconfig FILE] [--keep]\n");
  process.exitCode = 2;
} else {
  const steps = new Steps();
  // Ctrl-C: the running pulumi command gets it too and stops; the demo then skips the remaining
  // steps and cleans up (destroy, stack rm, cluster stop). A second Ctrl-C quits at once.
  process.on("SIGINT", () => {
    if (steps.interrupted) process.exit(130);
    steps.interrupted = true;
    out("\ninterrupted: cleaning up (Ctrl-C again to quit at once, leaving things behind)");
  });
  runDemo(opts, steps).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`demo: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
