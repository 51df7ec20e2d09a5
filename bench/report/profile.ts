/**
 * Where a V8 CPU profile (`node --cpu-prof`, a .cpuprofile file) spends its time, by package:
 * self time of every sampled function, attributed to the package its script belongs to
 * (node_modules/<name>), to Node.js itself (node:), or to V8 (garbage collector, program, idle).
 * That separates what kubesecret costs from what @pulumi/pulumi, gRPC or protobuf cost.
 */
import { markdownTable } from "./format.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** The parts of a .cpuprofile this module reads. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  selfMs: number;
  /** Of the profile's whole duration. */
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  byPackage: ProfileShare[];
  topFunctions: ProfileShare[];
}

/** The package (or runtime part) a sampled frame belongs to. */
export function packageOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? `V8 ${functionName}` : "V8 (native)";
  if (url.startsWith("node:")) return "Node.js";
  const inModules = url.lastIndexOf("/node_modules/");
  if (inModules >= 0) {
    const [first, second] = url.slice(inModules + "/node_modules/".length).split("/");
    return first?.startsWith("@") ? `${first}/${second}` : (first ?? url);
  }
  if (url.includes("/bench/")) return "bench harness";
  return url.split("/").pop() ?? url;
}

function share(entries: Map<string, number>, totalMs: number, limit: number): ProfileShare[] {
  return [...entries]
    .map(([name, selfMs]) => ({ name, selfMs, share: selfMs / totalMs }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, limit);
}

/** Self time by package and the functions with the most self time; fails on a malformed profile. */
export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  if (profile.samples.length !== profile.timeDeltas.length) throw new Error("samples and timeDeltas differ in length");
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + profile.timeDeltas[i]!));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = nodes.get(id);
    if (!node) throw new Error(`a sample names node ${id}, which the profile does not have`);
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = packageOf(url, functionName);
    const ms = us / 1000;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    const fn = `${functionName || "(anonymous)"} (${pkg}${url ? `: ${url.split("/").pop()}:${lineNumber + 1}` : ""})`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  return { totalMs, byPackage: share(byPackage, totalMs, Infinity), topFunctions: share(byFunction, totalMs, top) };
}

/** The summary as two Markdown tables. */
export function profileTables(summary: ProfileSummary): string {
  const rows = (shares: ProfileShare[]) =>
    shares.map((s) => [s.name, `${s.selfMs.toFixed(0)} ms`, `${(s.share * 100).toFixed(1)} %`]);
  return [
    `Profile of ${summary.totalMs.toFixed(0)} ms, self time:`,
    "",
    markdownTable(["package", "self time", "share"], rows(summary.byPackage)),
    "",
    markdownTable(["function", "self time", "share"], rows(summary.topFunctions)),
  ].join("\n");
}
