/**
 * Security: no secret value of any component class shows up anywhere a user or another system
 * can read it without decrypting — the state file and its history, every stream of `preview
 * --diff`, `up`, `refresh` and `destroy` (engine events included), error messages, and the live
 * object's labels, annotations and managedFields — in plain text, JSON-escaped, hex, base64 or
 * base64url, whole or line by line. One stack holds one component of every class; its life cycle
 * runs once (beforeAll) and records each place separately; the tests below scan them per class.
 *
 * The one documented exception is debug diagnostics (`pulumi up --debug`), where @pulumi/pulumi
 * logs whole RegisterResource responses; they are recorded apart and only counted.
 */
import type { V1Secret } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SECRET_SIGNATURE,
  type TestStack,
  createNamespace,
  createStack,
  decodeData,
  e2eContext,
  eventually,
  importLibrary,
  readSecret,
  useE2E,
} from "./harness";
import { holdNamespaceInDeletion, releaseNamespace } from "./support/namespaceHold";
import { ScanPlaces, describeScan, scanValues } from "./support/scan";
import { type Version, securityCases } from "./support/securityCases";

const e2e = useE2E("security");
const places = new ScanPlaces();
const componentName = (className: string) => `sec-${className.toLowerCase()}`;

/** Values the cluster made (the service-account token), by class. */
const clusterValues = new Map<string, string[]>();
/** Each class's revision key (from a decrypted export): secret, so scanned like a value. */
const revisionKeys = new Map<string, string>();
/** The live objects as read after each `up`, by class. */
const liveObjects = new Map<string, V1Secret[]>();
/** Standard output of `preview --diff` after the values changed. */
let changePreview = "";
/** Namespace whose deletion is held by a finalizer: creating anything in it is forbidden. */
let terminatingNamespace = "";

function program(namespace: () => string, version: () => Version) {
  return async () => {
    const lib = await importLibrary();
    const outputs: Record<string, unknown> = {};
    for (const c of securityCases) {
      const component = c.make(lib, componentName(c.className), namespace(), version());
      outputs[`${c.className}Name`] = component.name;
      outputs[`${c.className}Keys`] = component.keys;
      outputs[`${c.className}Data`] = component.data;
      outputs[`${c.className}Revision`] = component.revision;
    }
    return outputs;
  };
}

/** Records the state file, and the live Secrets' metadata fields, after an operation. */
async function recordAfter(stack: TestStack, operation: string, readLive: boolean) {
  places.add(`state file after ${operation}`, stack.rawState());
  if (!readLive) return;
  const outputs = await stack.outputs();
  for (const c of securityCases) {
    const name = outputs[`${c.className}Name`]?.value as string;
    const live = await readSecret(e2e.core, e2e.namespace, name);
    expect(live, `${c.className} ${name} exists after ${operation}`).toBeDefined();
    liveObjects.set(c.className, [...(liveObjects.get(c.className) ?? []), live!]);
    const where = `live ${c.className} after ${operation}`;
    places.add(`${where}: labels`, JSON.stringify(live!.metadata?.labels ?? {}));
    places.add(`${where}: annotations`, JSON.stringify(live!.metadata?.annotations ?? {}));
    places.add(`${where}: managedFields`, JSON.stringify(live!.metadata?.managedFields ?? []));
  }
}

/** The service-account token the controller writes into the ServiceAccountTokenSecret. */
async function recordToken(stack: TestStack) {
  const name = (await stack.outputs()).ServiceAccountTokenSecretName?.value as string;
  const token = await eventually(`token in ${name}`, async () => {
    const live = await readSecret(e2e.core, e2e.namespace, name);
    return live?.data?.token ? Buffer.from(live.data.token, "base64").toString("utf8") : "";
  });
  clusterValues.set("ServiceAccountTokenSecret", [token]);
}

/** The revision keys, by class, from the stack exported with its secrets decrypted. */
async function recordRevisionKeys(stack: TestStack) {
  const exported = await stack.stack.exportStack();
  const resources = (exported.deployment as { resources?: Array<Record<string, unknown>> }).resources ?? [];
  for (const c of securityCases) {
    const stash = resources.find((r) => String(r.urn).endsWith(`::${componentName(c.className)}-revision-key`));
    const input = (stash?.inputs as { input?: { plaintext?: string } } | undefined)?.input;
    expect(input?.plaintext, `${c.className}'s revision key is a secret in state`).toBeDefined();
    revisionKeys.set(c.className, JSON.parse(input!.plaintext!) as string);
  }
}

/** Runs one operation with its streams recorded as places; an error is recorded too. */
async function recorded<T>(operation: string, run: (hooks: ReturnType<ScanPlaces["hooks"]>) => Promise<T>) {
  try {
    return await run(places.hooks(operation));
  } catch (err) {
    places.addError(operation, err);
    throw err;
  }
}

/** The lines of a `preview --diff` that describe the child Secret of a class's component. */
function childDiff(preview: string, className: string): string {
  const lines = preview.split("\n");
  const urn = `kubesecret:index:${className}$kubernetes:core/v1:Secret::${componentName(className)}]`;
  const start = lines.findIndex((l) => l.includes(urn));
  if (start === -1) return "";
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.includes("[urn=") || line.includes("--outputs:--") || /: \([a-z-]+\)$/.test(line)) break;
    block.push(line);
  }
  return block.join("\n");
}

beforeAll(async () => {
  // The full life cycle: preview --diff, up, changed values (preview --diff, up), refresh, destroy.
  let version: Version = 1;
  const stack = await createStack({
    name: "security",
    program: program(
      () => e2e.namespace,
      () => version,
    ),
  });
  await recorded("preview --diff (create)", (hooks) => stack.preview({ diff: true, ...hooks }));
  await recorded("up --diff (create)", (hooks) => stack.up({ diff: true, ...hooks }));
  await recordAfter(stack, "up (create)", true);
  await recordToken(stack);

  version = 2;
  const preview = await recorded("preview --diff (changed values)", (hooks) => stack.preview({ diff: true, ...hooks }));
  changePreview = preview.stdout;
  await recorded("up --diff (changed values)", (hooks) => stack.up({ diff: true, ...hooks }));
  await recordAfter(stack, "up (changed values)", true);
  await recordRevisionKeys(stack);
  await recorded("refresh", (hooks) => stack.refresh(hooks));
  await recordAfter(stack, "refresh", false);
  await recorded("destroy --diff", (hooks) => stack.destroy({ diff: true, ...hooks }));
  await recordAfter(stack, "destroy", false);
  // Every file the backend keeps for the stack: state, its backup, the history of checkpoints.
  places.addFiles("backend file", e2eContext().backendDir, stack.name);

  // An operation the API server refuses, with the version-1 values: the error messages.
  terminatingNamespace = await createNamespace(e2e.core, `security-terminating-${e2eContext().runId}`);
  await holdNamespaceInDeletion(e2e.core, terminatingNamespace);
  const failing = await createStack({
    name: "security-refused",
    program: program(
      () => terminatingNamespace,
      () => 1,
    ),
  });
  const refused = await recorded("up (refused by the API server)", (hooks) => failing.up(hooks)).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(refused, "up into a namespace being deleted fails").toBeInstanceOf(Error);
  expect(String(refused)).toMatch(/being terminated/);
  places.add("state file after the refused up", failing.rawState());
}, 600_000);

afterAll(async () => {
  if (terminatingNamespace) await releaseNamespace(e2e.core, terminatingNamespace);
});

const totals = { places: 0, values: 0, forms: 0 };
const JWT = /^[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}$/;

describe.each(securityCases)("$className", (c) => {
  const values = () =>
    scanValues([
      ...c.values(1),
      ...c.values(2),
      ...(clusterValues.get(c.className) ?? []),
      ...(revisionKeys.has(c.className) ? [revisionKeys.get(c.className)!] : []),
    ]);
  const expectNoLeaks = (what: string, which: (place: string) => boolean) => {
    const result = places.scan(values(), which);
    console.log(describeScan(`${c.className}, ${what}`, result));
    expect(result.places, `places scanned for ${what}`).toBeGreaterThan(0);
    expect(result.values, "values scanned").toBeGreaterThan(0);
    expect(result.leaks).toEqual([]);
    totals.places += result.places;
    totals.values += result.values;
    totals.forms += result.forms;
  };

  it("puts its values on the cluster (so the scans look for something real)", () => {
    const [live] = liveObjects.get(c.className) ?? [];
    expect(live).toBeDefined();
    const raw = JSON.stringify(live!.data ?? {});
    const decoded = Object.values(decodeData(live!.data))
      .map((b) => b.toString("utf8"))
      .join("\n");
    // Values of its own, not only the revision key: the token the controller wrote, for the class
    // that takes no values.
    const own = [...c.values(1), ...(clusterValues.get(c.className) ?? [])];
    expect(own.length, "values of its own to scan for").toBeGreaterThan(0);
    if (c.values(1).length === 0)
      expect(own, "the service-account token (a JWT)").toEqual([expect.stringMatching(JWT)]);
    for (const value of own) {
      expect(decoded.includes(value) || raw.includes(value), "value is in the live Secret").toBe(true);
    }
  });

  it("never shows a value in the state file, its backups or its history", () => {
    expect(places.text("state file after up (create)")).toContain(SECRET_SIGNATURE);
    expectNoLeaks("state files", (p) => p.startsWith("state file") || p.startsWith("backend file"));
  });

  it("never shows a value in the output of preview --diff, up, refresh or destroy (engine events included)", () => {
    expectNoLeaks("CLI streams", (p) => / (stdout|stderr|engine events)$/.test(p));
  });

  it("never shows a value in an error message", () => {
    expectNoLeaks("error messages", (p) => p.endsWith("error message"));
  });

  it("never shows a value in the live object's labels, annotations or managedFields", () => {
    expectNoLeaks("live metadata", (p) => p.startsWith("live "));
  });

  if (c.changedKeys.length === 0) {
    it("has no value arguments, so a change of the others' values leaves it out of the diff", () => {
      const urn = `kubesecret:index:${c.className}$kubernetes:core/v1:Secret::${componentName(c.className)}]`;
      // The preview lists the other classes' children (their values changed), not this one.
      expect(changePreview).toContain("kubesecret:index:Secret$kubernetes:core/v1:Secret::sec-secret]");
      expect(changePreview).not.toContain(urn);
    });
  } else {
    it("preview --diff of a changed value names the changed keys and shows neither the old nor the new value", () => {
      const block = childDiff(changePreview, c.className);
      expect(block, `the child of ${c.className} is in the preview`).not.toBe("");
      for (const key of c.changedKeys) {
        expect(block).toContain(`~ ${key}: [secret] => [secret]`);
      }
      // Every changed property line shows [secret] (or opens the `data` map).
      const changed = block.split("\n").filter((l) => /^\s+[~+-] \S+: /.test(l));
      expect(changed.length).toBeGreaterThan(c.changedKeys.length);
      expect(changed.filter((l) => !/\[secret\]|\{$/.test(l))).toEqual([]);
      const previews = (p: string) => p.startsWith("preview");
      expect(places.scan(scanValues([...c.values(1), ...c.values(2)]), previews).leaks).toEqual([]);
    });
  }
});

describe("the scans", () => {
  it("find a planted value in every form it could take (a scanner that finds nothing proves nothing)", () => {
    const [secret] = securityCases;
    const config = secret!.values(1)[1]!; // the multi-line config.yaml
    const line = config.split("\n")[1]!;
    const planted = new ScanPlaces();
    planted.add("plain line", `x ${line} x`);
    planted.add("JSON-escaped", JSON.stringify({ v: config }));
    planted.add("base64 at offset 2", Buffer.from(`ab${config}`).toString("base64"));
    planted.add("base64url of a line", Buffer.from(`a${line}`).toString("base64url"));
    planted.add("hex", Buffer.from(line).toString("hex"));
    planted.add("clean", "nothing here");
    const result = planted.scan(scanValues([config]));
    expect(new Set(result.leaks.map((l) => l.place))).toEqual(
      new Set(["plain line", "JSON-escaped", "base64 at offset 2", "base64url of a line", "hex"]),
    );
  });

  it("covered every class, place and form (counts printed)", () => {
    const names = places.names();
    const count = (re: RegExp) => names.filter((n) => re.test(n)).length;
    const summary = {
      "state and backend files": count(/^(state file|backend file)/),
      "CLI streams (stdout, stderr, engine events)": count(/ (stdout|stderr|engine events)$/),
      "error messages": count(/error message$/),
      "live metadata fields": count(/^live /),
      "debug-diagnostic operations holding a value (excluded, see harness.ts)": places.debugOperationsWithValues(
        securityCases.flatMap((c) => scanValues(c.values(1))),
      ).length,
    };
    console.log(`places: ${JSON.stringify(summary, null, 2)}`);
    console.log(`per-class scans summed: ${JSON.stringify(totals)}`);
    expect(summary["state and backend files"]).toBeGreaterThan(4);
    expect(summary["CLI streams (stdout, stderr, engine events)"]).toBe(3 * 7);
    expect(summary["error messages"]).toBeGreaterThan(0);
    expect(summary["live metadata fields"]).toBe(3 * 2 * securityCases.length);
    expect(totals.places).toBeGreaterThan(0);
    expect(totals.forms).toBeGreaterThan(totals.values);
  });
});
