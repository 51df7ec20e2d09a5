/**
 * Helpers of the write-only fault and provider tests: what the state holds of write-only
 * Secrets, the live objects they wrote, the outcome of an `up` as text, kubeconfigs with a decoy
 * cluster that counts every connection (so "never another cluster" is observed, not assumed), and
 * the pulumi CLI process of a stack (to interrupt or kill it).
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { CoreV1Api, V1Secret } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import { loadKubeConfig } from "../../../tools/kube.ts";
import type { TestStack } from "./stacks";

export const WRITE_ONLY_TYPE = "pulumi-nodejs:dynamic/kubesecret:WriteOnlySecret";
export const OWNER_LABEL = "kubesecret.dev/owner";

export interface WriteOnlyRecord {
  readonly urn: string;
  /** `namespace/name` */
  readonly id: string;
  readonly uid: string;
  readonly fingerprints: Record<string, string>;
}

/** The write-only Secrets the stack's latest checkpoint holds. */
export function writeOnlyInState(stack: TestStack): WriteOnlyRecord[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const resources: any[] = stack.state().checkpoint.latest?.resources ?? [];
  return resources
    .filter((r) => r.type === WRITE_ONLY_TYPE)
    .map((r) => ({ urn: r.urn, id: r.id, uid: r.outputs?.uid, fingerprints: r.inputs?.fingerprints ?? {} }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Every Secret in the namespace a write-only resource wrote (it carries the owner label). */
export async function ownedSecrets(core: CoreV1Api, namespace: string): Promise<V1Secret[]> {
  return (await core.listNamespacedSecret({ namespace, labelSelector: OWNER_LABEL })).items;
}

/** `namespace/name` → uid of live objects. */
export const uidsOf = (secrets: V1Secret[]) =>
  Object.fromEntries(secrets.map((s) => [`${s.metadata?.namespace}/${s.metadata?.name}`, s.metadata?.uid]));

/** `namespace/name` → uid of what the state holds. */
export const stateUids = (stack: TestStack) => Object.fromEntries(writeOnlyInState(stack).map((r) => [r.id, r.uid]));

/** Runs `up`; resolves to the error's text when it fails, or throws when it succeeds. */
export async function failedUp(stack: TestStack): Promise<string> {
  const outcome = await stack.up().then(
    () => undefined,
    (err: unknown) => String(err instanceof Error ? err.message : err),
  );
  if (outcome === undefined) throw new Error(`the up of ${stack.name} succeeded where it had to fail`);
  return outcome;
}

/** A TCP server standing in for another cluster: it counts connections and closes them. */
export class DecoyCluster {
  connections = 0;
  private readonly server = net.createServer((socket) => {
    this.connections++;
    socket.destroy();
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `https://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A kubeconfig whose current context `decoy` points at `decoyServer` and whose context `test`
 * (with `namespace`, if given) points at the test cluster, as YAML text.
 */
export function twoContextKubeconfig(testKubeconfigPath: string, decoyServer: string, namespace?: string): string {
  const kc = loadKubeConfig(testKubeconfigPath);
  const cluster = kc.getCurrentCluster()!;
  const user = kc.getCurrentUser()!;
  const q = (s: string) => JSON.stringify(s);
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: decoy",
    "    cluster:",
    `      server: ${q(decoyServer)}`,
    `      certificate-authority-data: ${cluster.caData}`,
    "  - name: test",
    "    cluster:",
    `      server: ${q(cluster.server)}`,
    `      certificate-authority-data: ${cluster.caData}`,
    "users:",
    "  - name: u",
    "    user:",
    ...(user.token !== undefined
      ? [`      token: ${q(user.token)}`]
      : [`      client-certificate-data: ${user.certData}`, `      client-key-data: ${user.keyData}`]),
    "contexts:",
    "  - name: decoy",
    "    context: { cluster: decoy, user: u }",
    "  - name: test",
    `    context: { cluster: test, user: u${namespace ? `, namespace: ${q(namespace)}` : ""} }`,
    "current-context: decoy",
    "",
  ].join("\n");
}

/** The credential of a kubeconfig's user (token or private key): must never appear in a message either. */
export function credentialOf(kubeconfigPath: string): string {
  const user = loadKubeConfig(kubeconfigPath).getCurrentUser()!;
  return (user.token ?? user.keyData)!;
}

/** Writes `text` to `dir/name` (0600) and returns the path. */
export function writeKubeconfig(dir: string, name: string, text: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, text, { mode: 0o600 });
  return file;
}

/** The pid of the `pulumi <command>` process this test process runs for a stack, if any. */
export function pulumiCliPid(stackName: string, command = "up"): number | undefined {
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== process.pid) continue;
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (path.basename(argv[0] ?? "") === "pulumi" && argv.includes(command) && argv.includes(stackName)) {
        return Number(entry);
      }
    } catch {
      // The process ended while being looked at.
    }
  }
  return undefined;
}

/** The pids of a process's descendants (to end what a killed CLI left running). */
export function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone.
    }
  }
  const result: number[] = [];
  const visit = (p: number) => {
    for (const c of children.get(p) ?? []) {
      result.push(c);
      visit(c);
    }
  };
  visit(pid);
  return result;
}
