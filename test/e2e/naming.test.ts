/**
 * Generated names on a real cluster: `generateName` (with and without a trailing dash) and no
 * name at all. The provider names the object `<prefix>-<8 hex>`; the name is kept across `up`s,
 * differs between stacks of the same program, and a replacement gets a new one, created before
 * the old Secret is deleted.
 */
import * as pulumi from "@pulumi/pulumi";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestStack, canaryJar, findLeaks, libraryStack, readSecret, useE2E } from "./harness";
import type { Library } from "./support/classes";
import { SECRET_TYPE, absence, observe, recordSteps, uidSequence, whileSampling } from "./support/observe";
import { leakScanText } from "./support/scan";

const e2e = useE2E("naming");
const { planted: canaries, fresh } = canaryJar();

/** The program's current values; a test changes `token` to force a replacement. */
const values = { token: fresh("token"), password: fresh("password"), key: fresh("key") };

/** The components, their expected live names and their child resources' names. */
const SUBJECTS = {
  // generateName with the usual trailing dash.
  credentials: { pattern: /^app-credentials-[0-9a-f]{8}$/, child: "app-credentials", type: "kubesecret:index:Secret" },
  // A prefix without a trailing dash gets one.
  noDash: { pattern: /^nodash-[0-9a-f]{8}$/, child: "nodash", type: "kubesecret:index:Secret" },
  // Another class may use the same prefix (prefixes are per class).
  sameprefix: {
    pattern: /^app-credentials-[0-9a-f]{8}$/,
    child: "app-credentials",
    type: "kubesecret:index:BasicAuthSecret",
  },
  // Neither name nor generateName: named after the component.
  unnamed: { pattern: /^unnamed-[0-9a-f]{8}$/, child: "unnamed", type: "kubesecret:index:SecureOpaqueSecret" },
} as const;
type Subject = keyof typeof SUBJECTS;
const SUBJECT_NAMES = Object.keys(SUBJECTS) as Subject[];

const program = (namespace: string) => (lib: Library) => {
  // The stack's name tells the stacks' Secrets apart (the program is the same for both).
  const labels = { "kubesecret.test/stack": pulumi.getStack() };
  const secrets = {
    credentials: new lib.Secret("credentials", {
      namespace,
      labels,
      generateName: "app-credentials-",
      stringData: { token: values.token },
    }),
    noDash: new lib.Secret("no-dash", { namespace, labels, generateName: "nodash", stringData: { key: values.key } }),
    sameprefix: new lib.BasicAuthSecret("basic", {
      namespace,
      labels,
      generateName: "app-credentials-",
      username: "ci",
      password: values.password,
    }),
    unnamed: new lib.SecureOpaqueSecret("unnamed", { namespace, labels, stringData: { key: values.key } }),
  };
  return Object.fromEntries(
    Object.entries(secrets).map(([subject, s]) => [subject, { name: s.name, uid: s.uid }]),
  ) as Record<Subject, unknown>;
};

const nameOf = (outputs: OutputMap, subject: Subject) => (outputs[subject]?.value as { name: string }).name;
const uidOf = (outputs: OutputMap, subject: Subject) => (outputs[subject]?.value as { uid: string }).uid;

let first: TestStack;
let second: TestStack;
const ups: OutputMap[] = [];
let secondOutputs: OutputMap;

beforeAll(async () => {
  first = await libraryStack("naming-a", program(e2e.namespace));
  ups.push((await first.up()).outputs);
});

describe("generated names", () => {
  it.each(SUBJECT_NAMES)("names %s's Secret after its prefix with 8 hex digits", async (subject) => {
    const name = nameOf(ups[0]!, subject);
    expect(name).toMatch(SUBJECTS[subject].pattern);
    const live = await readSecret(e2e.core, e2e.namespace, name);
    expect(live?.metadata?.uid).toBe(uidOf(ups[0]!, subject));
  });

  it("keeps the names across three ups", async () => {
    for (let i = 0; i < 2; i++) ups.push((await first.up({ expectNoChanges: true })).outputs);
    for (const subject of SUBJECT_NAMES) {
      expect(ups.map((o) => nameOf(o, subject))).toEqual(Array(3).fill(nameOf(ups[0]!, subject)));
      expect(ups.map((o) => uidOf(o, subject))).toEqual(Array(3).fill(uidOf(ups[0]!, subject)));
    }
  });

  it("gives a second stack of the same program different names", async () => {
    second = await libraryStack("naming-b", program(e2e.namespace));
    secondOutputs = (await second.up()).outputs;
    for (const subject of SUBJECT_NAMES) {
      const [a, b] = [nameOf(ups[0]!, subject), nameOf(secondOutputs, subject)];
      expect(b).toMatch(SUBJECTS[subject].pattern);
      expect(b).not.toBe(a);
      expect(await readSecret(e2e.core, e2e.namespace, a)).toBeDefined();
      expect(await readSecret(e2e.core, e2e.namespace, b)).toBeDefined();
    }
  });

  it("replaces with a new name: the new Secret exists before the old one is deleted", async () => {
    const before = ups[ups.length - 1]!;
    values.token = fresh("token-changed");
    const steps = recordSteps();
    const { result, samples } = await whileSampling(
      e2e.core,
      e2e.namespace,
      `kubesecret.test/stack=${first.name}`,
      () => first.up({ onEvent: steps.onEvent }),
    );
    const { child } = SUBJECTS.credentials;
    // The Secret child of the Secret component (the BasicAuthSecret's child has the same name).
    const secretChild = `kubesecret:index:Secret$${SECRET_TYPE}`;
    const oldName = nameOf(before, "credentials");
    const newName = nameOf(result.outputs, "credentials");

    // Engine: create the replacement, then (at the end) delete the replaced Secret.
    expect(steps.ops(secretChild, child)).toEqual(["create-replacement", "replace", "delete-replaced"]);
    expect(steps.indexOf("create-replacement", secretChild, child, "done")).toBeLessThan(
      steps.indexOf("delete-replaced", secretChild, child, "pre"),
    );
    expect(newName).toMatch(SUBJECTS.credentials.pattern);
    expect(newName).not.toBe(oldName);
    // No other Secret changed.
    const changed = steps.steps.filter((s) => s.phase === "pre" && s.type === SECRET_TYPE && s.op !== "same");
    expect(changed.map((s) => s.typePath)).toEqual(Array(3).fill(secretChild));

    // Cluster: a Secret with the token key at every sample; the old one, then both, then the new one.
    const credentials = samples.map((s) => ({
      ...s,
      secrets: s.secrets.filter((x) => x.name === oldName || x.name === newName),
    }));
    expect(absence(credentials, (s) => s.keys.includes("token")).missing).toBe(0);
    const sequence = uidSequence(credentials);
    const [oldUid, newUid] = [uidOf(before, "credentials"), uidOf(result.outputs, "credentials")];
    expect(sequence[0]).toEqual([oldUid]);
    expect(sequence[sequence.length - 1]).toEqual([newUid]);
    observe("generateName replacement, live uid sets in order", { samples: samples.length, sequence });

    expect(await readSecret(e2e.core, e2e.namespace, oldName)).toBeUndefined();
    expect((await readSecret(e2e.core, e2e.namespace, newName))?.metadata?.uid).toBe(newUid);
    // The other stack's Secret is untouched.
    const other = await readSecret(e2e.core, e2e.namespace, nameOf(secondOutputs, "credentials"));
    expect(other?.metadata?.uid).toBe(uidOf(secondOutputs, "credentials"));
  });

  it("fails when two components of one class share a prefix and neither name extends it", async () => {
    const namespace = e2e.namespace;
    const stack = await libraryStack("naming-clash", (lib) => {
      new lib.Secret("one", { namespace, generateName: "shared-", stringData: { a: "1" } });
      new lib.Secret("two", { namespace, generateName: "shared-", stringData: { a: "2" } });
    });
    const failure = await stack.up().then(
      () => "succeeded",
      (err: unknown) => String(err),
    );
    // Both children are named after the prefix: Pulumi refuses the second URN.
    expect(failure).toMatch(
      /Duplicate resource URN '[^']*kubesecret:index:Secret\$kubernetes:core\/v1:Secret::shared'/,
    );
    // The engine may have created the first one before the program failed (no roll back).
    const list = await e2e.core.listNamespacedSecret({ namespace });
    const shared = list.items.filter((s) => s.metadata?.name?.startsWith("shared-"));
    expect(shared.length).toBeLessThanOrEqual(1);
    observe("prefix clash: Secrets created before the program failed", shared.length);
  });
});

describe("secrecy", () => {
  it("printed and stored no secret value in any operation of this file", () => {
    const { text } = leakScanText([first, second]);
    expect(text).toContain("### up");
    expect(findLeaks(text, canaries)).toEqual([]);
  });
});
