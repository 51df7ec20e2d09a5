/**
 * `npm run cluster -- <command>`: the local control plane from a shell.
 *
 *   start                      start (or reuse) the cluster, print the kubeconfig path
 *   stop                       stop it and remove its directory (harmless when stopped)
 *   status                     print its state; exit 0 when running, 3 when stopped
 *   env                        print `export KUBECONFIG=...` (exit 3 when stopped)
 *   user NAME [GROUP...]       a client-certificate user with these groups; prints its kubeconfig path
 */
import { BINARIES, addUser, clusterStatus, defaultClusterDir, startCluster, stopCluster } from "../cluster/index.ts";
import { exportLine } from "../shell.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);
const log = (message: string) => out(`[cluster] ${message}`);
const pairs = (record: object) =>
  Object.entries(record)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");

async function status(): Promise<number> {
  const s = await clusterStatus();
  if (!s.running) {
    const why = s.dead.length
      ? ` (${s.dead.map((c) => BINARIES[c]).join(", ")} not running)`
      : s.pids
        ? " (processes alive but /readyz fails)"
        : "";
    out(`stopped${why}${s.stale ? `; stale state in ${s.dir}: run stop or start` : ""}`);
    return 3;
  }
  out(`running: ${s.server}`);
  out(`  ports: ${pairs(s.ports ?? {})}`);
  out(`  pids: ${pairs(s.pids ?? {})}`);
  out(`  kubeconfig: ${s.kubeconfigPath}`);
  out(`  dir: ${s.dir}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case "start":
      await startCluster({ log });
      return 0;
    case "stop":
      await stopCluster({ log });
      return 0;
    case "status":
      return status();
    case "env": {
      const s = await clusterStatus();
      if (!s.running) {
        process.stderr.write("[cluster] not running (start it with: npm run cluster -- start)\n");
        return 3;
      }
      out(exportLine("KUBECONFIG", s.kubeconfigPath!));
      return 0;
    }
    case "user": {
      const [name, ...groups] = args;
      if (!name) break;
      const user = await addUser(defaultClusterDir(), { name, groups });
      out(user.kubeconfigPath);
      return 0;
    }
  }
  process.stderr.write("usage: npm run cluster -- start|stop|status|env|user NAME [GROUP...]\n");
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`[cluster] error: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
