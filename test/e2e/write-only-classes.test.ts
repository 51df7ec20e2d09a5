/**
 * Every class in `writeOnly` mode, with the real CLI, Node.js language host,
 * dynamic-provider host, pulumi-kubernetes and API server: one program directory holds one
 * component of every class (the shared table, test/e2e/support/classes.ts); it is previewed,
 * created, changed (fresh values: immutable ones are replaced), refreshed and destroyed. The live
 * objects hold what the default mode writes, the outputs equal them, and no value — plain or
 * encoded — appears in the decrypted export, the state file, its backups and history, the engine
 * events (the Automation API's event stream) or the CLI's output of preview, up, refresh and
 * destroy with `--diff` and with `--json`.
 *
 * The program is plain JavaScript run by pulumi-language-nodejs (the CLI cannot run an inline
 * program, and `--json` exists only on the CLI). It reads each component's arguments from a file
 * the test writes before each run; the arguments come from the table's own `create` (recorded by a
 * stand-in library), so both modes are tested with the same cases.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { V1Secret } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../tools/repo.ts";
import {
  type TestStack,
  createStack,
  decodeData,
  e2eContext,
  ensureLibraryBuilt,
  readSecret,
  runPulumi,
  useE2E,
} from "./harness";
import { CLASS_NAMES, type ClassCase, type Library, SERVICE_ACCOUNT_TOKEN_KEYS, classCases } from "./support/classes";
import { ScanPlaces, describeScan, scanValues, stateFilesOf } from "./support/scan";

const e2e = useE2E("wo-classes");
const run = promisify(execFile);
const places = new ScanPlaces();
const FINGERPRINT_KEY_SECRET = "kubesecret-fingerprint-key";

/** One component as the program makes it: class, Pulumi name and arguments (plain JSON). */
interface Planned {
  className: string;
  name: string;
  args: Record<string, unknown>;
  /** The ServiceAccount to create first (its name), for the token class. */
  serviceAccount?: string;
}

/** The arguments the table's `create` passes, recorded by a stand-in for the library. */
function plannedArgs(c: ClassCase, name: string, namespace: string, index: number): Planned {
  const placement = [{ name: `wo-${name}` }, { generateName: `wo-${name}-` }, {}][index % 3]!;
  if (c.className === "ServiceAccountTokenSecret") {
    // Its `create` registers a ServiceAccount; the program does that itself.
    const account = c.typeAnnotations["kubernetes.io/service-account.name"]!;
    const args = { namespace, ...placement, labels: c.labels, annotations: c.annotations, serviceAccountName: account };
    return { className: c.className, name, args, serviceAccount: account };
  }
  let recorded: Planned | undefined;
  const standIn = new Proxy(
    {},
    {
      get: (_, className: string) =>
        class {
          constructor(n: string, args: Record<string, unknown>) {
            recorded = { className, name: n, args };
          }
        },
    },
  ) as unknown as Library;
  c.create(standIn, name, { namespace, ...placement });
  return recorded!;
}

const PROGRAM = `// Every class in writeOnly mode; the arguments come from the test (argsFile).
const fs = require("node:fs");
const pulumi = require("@pulumi/pulumi");
const k8s = require("@pulumi/kubernetes");
const kubesecret = require("kubesecret");
const planned = JSON.parse(fs.readFileSync(new pulumi.Config().require("argsFile"), "utf8"));
for (const p of planned) {
  let args = p.args;
  if (p.serviceAccount) {
    const account = new k8s.core.v1.ServiceAccount(p.name + "-account", {
      metadata: { namespace: args.namespace, name: p.serviceAccount },
    });
    args = { ...args, serviceAccountName: account.metadata.name };
  }
  const s = new kubesecret[p.className](p.name, { ...args, writeOnly: true, trackRevision: true });
  const fields = ["name", "namespace", "uid", "resourceVersion", "creationTimestamp", "type", "keys", "revision", "data"];
  exports[p.className] = Object.fromEntries(fields.map((f) => [f, s[f]]));
}
`;

/** A program directory that installed kubesecret (linked), as a user's would. */
function programDir(): string {
  const dir = path.join(e2eContext().runDir, "work", `wo-classes-${process.pid}`);
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: kubesecret-e2e-wo-classes\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "wo-classes", main: "index.js" }));
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
  fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "kubesecret"));
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi"), path.join(dir, "node_modules", "@pulumi"));
  return dir;
}

let dir = "";
let stack: TestStack;
/** Every case drawn (each draw has fresh values), and the one the last `up` wrote. */
const drawn: ClassCase[] = [];
let current: ClassCase[] = [];
/** Values the cluster holds that the program did not give: service-account tokens, the fingerprint key. */
const clusterValues: Array<string | Buffer> = [];
const liveAfter = new Map<string, Map<string, V1Secret>>();
const outputsAfter = new Map<string, Record<string, Record<string, unknown>>>();

/** Writes fresh cases as the program's arguments. */
function drawValues(): void {
  current = classCases();
  drawn.push(...current);
  const planned = current.map((c, i) => plannedArgs(c, c.className.toLowerCase(), e2e.namespace, i));
  fs.writeFileSync(path.join(dir, "args.json"), JSON.stringify(planned));
}

/** The CLI in the program directory; both streams recorded as places. */
async function cli(operation: string, args: string[]): Promise<string> {
  const ctx = e2eContext();
  const pulumi = path.join(ctx.pulumiRoot, "bin", "pulumi");
  try {
    const { stdout, stderr } = await run(pulumi, [...args, "--stack", stack.name, "--non-interactive"], {
      cwd: dir,
      env: { ...process.env, ...ctx.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    places.add(`${operation}: stdout`, stdout);
    places.add(`${operation}: stderr`, stderr);
    return stdout;
  } catch (err) {
    places.addError(operation, err);
    throw err;
  }
}

/** The outputs and the live objects after an operation, and the cluster's own values. */
async function recordAfter(operation: string): Promise<void> {
  const outputs = JSON.parse(await runPulumi(["stack", "output", "--json", "--stack", stack.name], dir));
  outputsAfter.set(operation, outputs);
  const live = new Map<string, V1Secret>();
  for (const className of CLASS_NAMES) {
    const secret = await readSecret(e2e.core, e2e.namespace, outputs[className].name);
    expect(secret, `${className} exists after ${operation}`).toBeDefined();
    live.set(className, secret!);
    places.add(`live ${className} after ${operation}: metadata`, JSON.stringify(secret!.metadata));
  }
  liveAfter.set(operation, live);
  const token = live.get("ServiceAccountTokenSecret")!.data?.["token"];
  if (token) clusterValues.push(Buffer.from(token, "base64").toString("utf8"));
  const key = await readSecret(e2e.core, e2e.namespace, FINGERPRINT_KEY_SECRET);
  const keyValue = key?.data?.["key"];
  expect(keyValue, "the namespace's fingerprint key").toBeDefined();
  clusterValues.push(keyValue!, Buffer.from(keyValue!, "base64"));
}

beforeAll(async () => {
  await ensureLibraryBuilt();
  dir = programDir();
  stack = await createStack({ name: "wo-classes", dir, config: { argsFile: { value: path.join(dir, "args.json") } } });
  drawValues();
  await stack.preview({ diff: true, ...places.hooks("preview --diff (create)") });
  await cli("preview --json (create)", ["preview", "--json"]);
  await stack.up({ diff: true, ...places.hooks("up --diff (create)") });
  await recordAfter("create");
  drawValues();
  await cli("preview --diff --json (changed values)", ["preview", "--diff", "--json"]);
  await cli("up --json (changed values)", ["up", "--yes", "--json"]);
  await recordAfter("change");
  await cli("refresh --diff", ["refresh", "--yes", "--diff"]);
  await cli("refresh --json", ["refresh", "--yes", "--json"]);
  await stack.refresh(places.hooks("refresh (engine events)"));
  places.add("decrypted export", await runPulumi(["stack", "export", "--show-secrets", "--stack", stack.name], dir));
  await cli("destroy --diff --json", ["destroy", "--yes", "--diff", "--json"]);
  for (const file of stateFilesOf([stack]))
    places.add(`state file ${path.basename(file)}`, fs.readFileSync(file, "utf8"));
}, 900_000);

afterAll(async () => {
  // Before the directory goes: removing the stack runs the CLI there.
  await stack?.remove();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(CLASS_NAMES.map((className) => ({ className })))("$className, writeOnly", ({ className }) => {
  const caseOf = (cases: ClassCase[]) => cases.find((c) => c.className === className)!;

  it.each(["create", "change"])("after %s, the live object holds what the default mode writes", (operation) => {
    const c = caseOf(operation === "create" ? drawn.slice(0, CLASS_NAMES.length) : current);
    const live = liveAfter.get(operation)!.get(className)!;
    expect(live.type).toBe(c.type);
    const data = decodeData(live.data);
    if (c.expected === undefined) {
      expect(Object.keys(data).sort()).toEqual([...c.filledByCluster!].sort());
    } else {
      expect(Object.keys(data).sort()).toEqual(Object.keys(c.expected).sort());
      for (const [k, bytes] of Object.entries(c.expected)) expect(data[k]!.equals(bytes), `key ${k}`).toBe(true);
    }
    expect(live.metadata!.labels).toMatchObject(c.labels);
    expect(live.metadata!.annotations).toMatchObject({ ...c.annotations, ...c.typeAnnotations });
    expect(live.immutable ?? false).toBe(c.immutable ?? false);
  });

  it.each(["create", "change"])("after %s, the outputs equal the live object and there is no data output", (op) => {
    const out = outputsAfter.get(op)![className]!;
    const live = liveAfter.get(op)!.get(className)!;
    expect(out["data"] ?? undefined, "no data output").toBeUndefined();
    expect(out["name"]).toBe(live.metadata!.name);
    expect(out["namespace"]).toBe(e2e.namespace);
    expect(out["uid"]).toBe(live.metadata!.uid);
    expect(out["resourceVersion"]).toBe(live.metadata!.resourceVersion);
    expect(new Date(out["creationTimestamp"] as string).getTime()).toBe(
      new Date(live.metadata!.creationTimestamp!).getTime(),
    );
    expect(out["type"]).toBe(live.type);
    expect(out["keys"]).toEqual(Object.keys(live.data ?? {}).sort());
    if (className === "ServiceAccountTokenSecret") expect(out["keys"]).toEqual(SERVICE_ACCOUNT_TOKEN_KEYS);
    expect(out["revision"]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("shows no value, plain or encoded, anywhere the leak scan looks", () => {
    const own = drawn.filter((c) => c.className === className).flatMap((c) => c.secrets);
    const values = [...scanValues(own.filter((v) => typeof v === "string")), ...own.filter(Buffer.isBuffer)];
    // The token class has no values of its own: the token the controller wrote is its value.
    if (className === "ServiceAccountTokenSecret") expect(clusterValues.length).toBeGreaterThan(2);
    else expect(values.length, "values to look for").toBeGreaterThan(0);
    const all = [...values, ...clusterValues];
    const result = places.scan(all as string[]);
    console.log(describeScan(`${className} (writeOnly)`, result));
    expect(result.leaks).toEqual([]);
  });
});

it("scanned every kind of place: streams of each operation with --diff and --json, events, export, state files", () => {
  const names = places.names();
  for (const p of [
    "preview --diff (create): engine events",
    "preview --json (create): stdout",
    "up --diff (create): stdout",
    "up --diff (create): engine events",
    "preview --diff --json (changed values): stdout",
    "up --json (changed values): stdout",
    "refresh --diff: stdout",
    "refresh --json: stdout",
    "refresh (engine events): engine events",
    "destroy --diff --json: stdout",
    "decrypted export",
  ]) {
    expect(names, p).toContain(p);
    expect(places.text(p).length, `${p} is not empty`).toBeGreaterThan(0);
  }
  expect(names.filter((n) => n.startsWith("state file ")).length).toBeGreaterThan(3);
  // The scan can find something: the export does hold the stack's fingerprints.
  expect(places.text("decrypted export")).toContain("fingerprints");
});
