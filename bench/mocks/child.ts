/**
 * One program-evaluation measurement in a fresh process (so the heap holds nothing from another
 * measurement): `node --expose-gc bench/mocks/child.ts --lib-dir DIR --subject S --n N --tls FILE`.
 *
 * Loads @pulumi/pulumi, @pulumi/kubernetes and kubesecret from DIR's node_modules (the installed
 * tarball), sets Pulumi's mocks, creates N units of the subject, waits until every registration
 * has settled, and prints one JSON line: `{ wallMs, cpuMs, heapBytes, rssBytes, registrations }`.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import type * as Pulumi from "@pulumi/pulumi";
import { SUBJECTS, type Subject } from "../schema.ts";
import { type SubjectModules, subjectConstructor } from "../subjects.ts";

const { values } = parseArgs({
  options: {
    "lib-dir": { type: "string" },
    subject: { type: "string" },
    n: { type: "string" },
    tls: { type: "string" },
  },
});
const libDir = values["lib-dir"];
const subject = values.subject as Subject;
const n = Number(values.n);
if (!libDir || !SUBJECTS.includes(subject) || !Number.isInteger(n) || n < 1 || !values.tls) {
  throw new Error("usage: child.ts --lib-dir DIR --subject SUBJECT --n N --tls FILE");
}
const collectGarbage = globalThis.gc;
if (!collectGarbage) throw new Error("run with --expose-gc");

const load = createRequire(path.join(libDir, "package.json"));
const modules: SubjectModules = {
  pulumi: load("@pulumi/pulumi"),
  kubernetes: load("@pulumi/kubernetes"),
  kubesecret: subject === "raw" || subject === "bare" ? undefined : load("kubesecret"),
};

let registrations = 0;
let serial = 0;
/** Answers like the provider would for a Secret: a generated name and server-assigned metadata. */
function newResource(args: Pulumi.runtime.MockResourceArgs): {
  id: string | undefined;
  state: Record<string, unknown>;
} {
  registrations += 1;
  if (!args.custom) return { id: undefined, state: args.inputs };
  serial += 1;
  const metadata = (args.inputs["metadata"] ?? {}) as Record<string, unknown>;
  const name = (metadata["name"] as string | undefined) ?? `${args.name}-${serial.toString(16).padStart(8, "0")}`;
  const namespace = (metadata["namespace"] as string | undefined) ?? "default";
  const state: Record<string, unknown> = {
    ...args.inputs,
    metadata: { ...metadata, name, namespace, uid: `uid-${serial}`, resourceVersion: String(serial) },
  };
  if (args.inputs["type"] === "kubernetes.io/service-account-token") {
    state["data"] = { token: "dG9rZW4=", namespace: Buffer.from(namespace).toString("base64") };
  }
  return { id: `${namespace}/${name}`, state };
}

await modules.pulumi.runtime.setMocks({ newResource, call: () => ({}) }, "kubesecret-bench", "mocks", false);
const construct = subjectConstructor(subject, modules, {
  namespace: "bench",
  runLabel: "mocks",
  tls: JSON.parse(fs.readFileSync(values.tls, "utf8")),
});

collectGarbage();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const cpuBefore = process.cpuUsage();
const resources: Pulumi.Resource[] = [];
for (let i = 0; i < n; i++) resources.push(construct(i));
// Resolves once every registration (and the work its inputs waited for) has settled.
await modules.pulumi.runtime.disconnect();
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
collectGarbage();
const heapBytes = process.memoryUsage().heapUsed - heapBefore;
const rssBytes = process.resourceUsage().maxRSS * 1024;
if (resources.length !== n) throw new Error("lost a resource");
process.stdout.write(`${JSON.stringify({ wallMs, cpuMs, heapBytes, rssBytes, registrations })}\n`);
