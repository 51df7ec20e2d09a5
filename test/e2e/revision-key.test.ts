/**
 * The revision's key across the changes a user makes to a component: the revision follows the
 * content alone, so it stays when the component is renamed with `aliases` (Secret and key kept)
 * and when `generateName` changes (a new Secret with the same content); switching `trackRevision`
 * off drops the key and switching it on draws a new one; a key missing from state fails clearly.
 */
import type { OutputMap } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import { computeRevision, newRevisionKey } from "../../src/pipeline/revision";
import { type TestStack, libraryStack, useE2E } from "./harness";
import { SECRET_TYPE, observe, recordSteps } from "./support/observe";
import { captureUnhandledRejections } from "../support/unhandledRejections";

const e2e = useE2E("revision-key");
const STASH = "pulumi:index:Stash";

interface Program {
  component: string;
  /** Earlier names of the component, as `aliases`. */
  aliases?: string[];
  generateName?: string;
  trackRevision: boolean;
}

/** One Secret whose content never changes; what changes is how the program declares it. */
async function keyStack(id: string, program: () => Program) {
  const namespace = e2e.namespace;
  return libraryStack(id, (lib) => {
    const p = program();
    const secret = new lib.Secret(
      p.component,
      {
        namespace,
        ...(p.generateName === undefined ? {} : { generateName: p.generateName }),
        stringData: { password: "unchanged" },
        trackRevision: p.trackRevision,
      },
      p.aliases ? { aliases: p.aliases.map((name) => ({ name })) } : {},
    );
    return { revision: secret.revision, uid: secret.uid, name: secret.name, urn: secret.urn };
  });
}

const value = (outputs: OutputMap, key: string) => outputs[key]?.value as string | undefined;

/** `up`, recording the steps; fails unless it succeeds. */
async function recordedUp(stack: TestStack, opts: { replace?: string[] } = {}) {
  const steps = recordSteps();
  const result = await stack.up({ ...opts, onEvent: steps.onEvent });
  expect(result.summary.result).toBe("succeeded");
  return { outputs: result.outputs, steps };
}

/** The steps that create or delete something. */
const churn = (steps: ReturnType<typeof recordSteps>) =>
  steps.summary().filter((s) => /^(create|delete|replace|create-replacement|delete-replaced):/.test(s));

describe.each([
  { naming: "the child named after the component", generateName: undefined },
  { naming: "the child named after a generateName prefix", generateName: "rkgen-" },
])("renaming the component with aliases ($naming)", ({ generateName }) => {
  it("keeps the Secret, the key and the revision", async () => {
    const id = generateName ? "rk-rename-gen" : "rk-rename";
    let program: Program = { component: `${id}-old`, generateName, trackRevision: true };
    const stack = await keyStack(id, () => program);
    const before = (await stack.up()).outputs;
    expect(value(before, "revision")).toMatch(/^[0-9a-f]{32}$/);

    program = { ...program, component: `${id}-new`, aliases: [`${id}-old`] };
    const { outputs: after, steps } = await recordedUp(stack);
    expect(churn(steps)).toEqual([]);
    expect(value(after, "urn")).toContain(`::${id}-new`);
    expect(value(after, "uid")).toBe(value(before, "uid"));
    expect(value(after, "name")).toBe(value(before, "name"));
    expect(value(after, "revision")).toBe(value(before, "revision"));
    expect(steps.ops(STASH)).toEqual(["same"]);
    observe(`rename with aliases, ${generateName ? "generateName" : "no generateName"}`, steps.summary());
  });
});

describe("changing generateName", () => {
  it("replaces the Secret under a new name and keeps the revision (the content is the same)", async () => {
    let program: Program = { component: "rk-gen", generateName: "rk-first-", trackRevision: true };
    const stack = await keyStack("rk-gen", () => program);
    const before = (await stack.up()).outputs;
    program = { ...program, generateName: "rk-second-" };
    const { outputs: after, steps } = await recordedUp(stack);
    expect(value(after, "name")).toMatch(/^rk-second-[0-9a-f]{8}$/);
    expect(value(after, "uid")).not.toBe(value(before, "uid"));
    expect(steps.ops(SECRET_TYPE)).toEqual(expect.arrayContaining(["create", "delete"]));
    expect(steps.ops(STASH)).toEqual(["same"]);
    expect(value(after, "revision")).toBe(value(before, "revision"));
    observe("generateName change", steps.summary());
  });
});

describe("a stack made by an earlier version (the key named after the generateName prefix)", () => {
  it("keeps its key: the same revision, no step on the key or the Secret", async () => {
    const namespace = e2e.namespace;
    const key = newRevisionKey();
    const data = { password: Buffer.from("unchanged").toString("base64") };
    let earlier = true;
    const stack = await libraryStack("rk-upgrade", async (lib) => {
      if (!earlier) {
        const secret = new lib.Secret("rk-upgrade", {
          namespace,
          generateName: "rkup-",
          stringData: { password: "unchanged" },
          trackRevision: true,
        });
        return { revision: secret.revision, uid: secret.uid };
      }
      // What an earlier version registered: the child and the key both named after the prefix.
      const pulumi = await import("@pulumi/pulumi");
      const k8s = await import("@pulumi/kubernetes");
      const parent = new pulumi.ComponentResource("kubesecret:index:Secret", "rk-upgrade", {}, {});
      const child = new k8s.core.v1.Secret(
        "rkup",
        { metadata: { namespace }, type: "Opaque", data: pulumi.secret(data) },
        { parent },
      );
      new pulumi.Stash("rkup-revision-key", { input: pulumi.secret(key) }, { parent, ignoreChanges: ["input"] });
      return { uid: child.metadata.uid };
    });
    const before = (await stack.up()).outputs;
    earlier = false;
    const { outputs, steps } = await recordedUp(stack);
    expect(churn(steps)).toEqual([]);
    expect(value(outputs, "uid")).toBe(value(before, "uid"));
    expect(value(outputs, "revision")).toBe(computeRevision(key, "Opaque", data));
  });
});

describe("switching trackRevision off and on again", () => {
  it("drops the key, then draws a new one (a new revision); the Secret is never touched", async () => {
    let program: Program = { component: "rk-toggle", trackRevision: true };
    const stack = await keyStack("rk-toggle", () => program);
    const first = (await stack.up()).outputs;
    const live = async () =>
      (await e2e.core.readNamespacedSecret({ name: value(first, "name")!, namespace: e2e.namespace })).metadata;
    const liveBefore = await live();

    program = { ...program, trackRevision: false };
    const off = await recordedUp(stack);
    expect(value(off.outputs, "revision")).toBeUndefined();
    expect(off.steps.ops(STASH)).toEqual(["delete"]);
    expect(off.steps.ops(SECRET_TYPE)).toEqual(["same"]);

    program = { ...program, trackRevision: true };
    const on = await recordedUp(stack);
    expect(on.steps.ops(STASH)).toEqual(["create"]);
    expect(on.steps.ops(SECRET_TYPE)).toEqual(["same"]);
    expect(value(on.outputs, "revision")).toMatch(/^[0-9a-f]{32}$/);
    expect(value(on.outputs, "revision")).not.toBe(value(first, "revision"));
    const liveAfter = await live();
    expect([liveAfter?.uid, liveAfter?.resourceVersion]).toEqual([liveBefore?.uid, liveBefore?.resourceVersion]);
  });
});

describe("a revision key missing from state", () => {
  it("fails the update naming the component and the fix, which then works", async () => {
    const component = "rk-damaged-key";
    const stack = await keyStack("rk-damaged", () => ({ component, trackRevision: true }));
    const first = (await stack.up()).outputs;
    const deployment = await stack.stack.exportStack();
    const resources = deployment.deployment.resources as Array<{ type: string; urn: string; outputs?: object }>;
    const stash = resources.find((r) => r.type === STASH)!;
    stash.outputs = {};
    await stack.stack.importStack(deployment);

    // The inline program runs in this process: its failure may surface here as an unhandled
    // rejection too. Any that does must be this component's error.
    let failure = "";
    const unhandled = await captureUnhandledRejections(async () => {
      failure = await stack.up().then(
        () => "succeeded",
        (err: Error) => err.message,
      );
    });
    for (const message of unhandled) expect(message).toContain(`kubesecret:index:Secret "${component}"`);
    expect(failure).toContain(`kubesecret:index:Secret "${component}": the revision key in the stack's state`);
    expect(failure).toContain(`pulumi up --replace '${stash.urn}'`);

    const { outputs, steps } = await recordedUp(stack, { replace: [stash.urn] });
    expect(value(outputs, "revision")).toMatch(/^[0-9a-f]{32}$/);
    expect(steps.ops(SECRET_TYPE)).toEqual(["same"]);
    observe("damaged key replaced", {
      steps: steps.summary(),
      revisionKept: value(outputs, "revision") === value(first, "revision"),
    });
  });
});
