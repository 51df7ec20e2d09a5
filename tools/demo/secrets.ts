/** What the demo checks about the quick start's Secrets: its stack outputs and the live objects. */
import type { CoreV1Api, V1Secret } from "@kubernetes/client-node";
import { decodeData, readSecret } from "../kube.ts";
import { note } from "./steps.ts";

/** How the quick start's `secrets` output describes one Secret. */
export interface DescribedSecret {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  type: string;
  keys: string[];
}

export interface QuickstartOutputs {
  secrets: Record<string, DescribedSecret>;
  appConfigData: unknown;
}

/** Compares a live Secret with the output describing it and the values configured for it. */
export async function checkLive(
  core: CoreV1Api,
  label: string,
  described: DescribedSecret,
  expected: Record<string, string>,
): Promise<V1Secret> {
  const live = await readSecret(core, described.namespace, described.name);
  if (!live) throw new Error(`${label}: ${described.namespace}/${described.name} not found`);
  const problems: string[] = [];
  if (live.metadata?.uid !== described.uid) problems.push("uid differs");
  if (live.metadata?.resourceVersion !== described.resourceVersion) problems.push("resourceVersion differs");
  if (live.type !== described.type) problems.push("type differs");
  const data = decodeData(live.data);
  const keys = Object.keys(data).sort();
  if (JSON.stringify(keys) !== JSON.stringify([...described.keys].sort())) {
    problems.push(`keys ${keys.join(",")} ≠ ${described.keys.join(",")}`);
  }
  for (const [key, value] of Object.entries(expected)) {
    if (!data[key]?.equals(Buffer.from(value, "utf8"))) problems.push(`value of ${key} differs`);
  }
  if (problems.length) throw new Error(`${label} (${described.name}): ${problems.join("; ")}`);
  note(
    `${label}: ${described.namespace}/${described.name} uid ${live.metadata?.uid} ` +
      `resourceVersion ${live.metadata?.resourceVersion} ${live.type} — matches the outputs; ` +
      `${Object.keys(expected).length} value(s) byte-identical to the configured ones`,
  );
  return live;
}

/** Prints the outputs as a reader sees them; fails unless the data output is shown as [secret]. */
export function printOutputs(outputs: QuickstartOutputs): void {
  for (const [label, s] of Object.entries(outputs.secrets)) {
    note(`${label}:`);
    note(`  name ${s.namespace}/${s.name}   type ${s.type}`);
    note(`  uid ${s.uid}   resourceVersion ${s.resourceVersion}`);
    note(`  keys ${s.keys.join(", ")}   values [secret]`);
  }
  note(`appConfigData: ${JSON.stringify(outputs.appConfigData)}`);
  if (outputs.appConfigData !== "[secret]") throw new Error("the appConfigData output is not shown as [secret]");
}
