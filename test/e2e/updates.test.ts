/**
 * What each kind of change does to a live Secret, with a fixed `name` and with a generated one:
 * the engine's steps and their order, the live result, the `uid`/`resourceVersion` outputs, and
 * whether the Secret was ever missing (the live Secrets are listed every 50 ms during the `up`).
 *
 * Observed with pulumi-kubernetes v4.25 (no enableSecretMutable):
 *   - data (a value, an added or removed key) and `type` changes replace the Secret; a fixed name
 *     is deleted before the new one is created (a window without it), a generated name gets a new
 *     Secret, created before the old one is deleted (never missing);
 *   - labels, annotations and `immutable: false → true` update in place (same uid);
 *   - `immutable: true → false` alone is sent as an in-place update, which the API refuses; with a
 *     data change at the same time the Secret is replaced.
 */
import type { OutputMap } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import { type TestStack, canaryJar, createStack, decodeData, findLeaks, importLibrary, useE2E } from "./harness";
import {
  type LiveSample,
  SECRET_TYPE,
  type StepRecorder,
  absence,
  observe,
  recordSteps,
  uidSequence,
  whileSampling,
} from "./support/observe";
import { leakScanText } from "./support/scan";
import { type Change, type Effect, type Spec, updateScenarios } from "./support/updateScenarios";

const e2e = useE2E("updates");
const { planted: canaries, fresh } = canaryJar();
const { opaque, scenarios: SCENARIOS } = updateScenarios(fresh);
const stacks: TestStack[] = [];

// ---------------------------------------------------------------- the subject Secret

const NAMINGS = [
  { naming: "a fixed name", slug: "fixed", placement: (id: string) => ({ name: id }) },
  { naming: "a generated name", slug: "gen", placement: (id: string) => ({ generateName: `${id}-` }) },
] as const;
type Naming = (typeof NAMINGS)[number];

/** The child resource's Pulumi name: the component's, or the prefix without its dash. */
const childName = (naming: Naming, id: string) => (naming.slug === "fixed" ? "subject" : id);

/** A stack whose program declares one component from `spec()` (read on every run). */
async function subjectStack(id: string, naming: Naming, spec: () => Spec) {
  const namespace = e2e.namespace;
  const stack = await createStack({
    name: id,
    program: async () => {
      const lib = await importLibrary();
      const s = spec();
      const common = {
        namespace,
        ...naming.placement(id),
        labels: { ...s.labels, "kubesecret.test/scenario": id },
        annotations: s.annotations,
        ...(s.immutable === undefined ? {} : { immutable: s.immutable }),
      };
      const secret =
        s.className === "Secret"
          ? new lib.Secret("subject", { ...common, ...(s.type ? { type: s.type } : {}), stringData: s.values })
          : new lib.BasicAuthSecret("subject", {
              ...common,
              username: s.values.username!,
              password: s.values.password!,
            });
      const { name, uid, resourceVersion, keys } = secret;
      return { name, uid, resourceVersion, keys };
    },
  });
  stacks.push(stack);
  return stack;
}

/** The one live Secret of a scenario (found by its label). */
async function liveOf(id: string) {
  const list = await e2e.core.listNamespacedSecret({
    namespace: e2e.namespace,
    labelSelector: `kubesecret.test/scenario=${id}`,
  });
  expect(list.items, "exactly one live Secret").toHaveLength(1);
  return list.items[0]!;
}

function expectLiveMatches(live: Awaited<ReturnType<typeof liveOf>>, spec: Spec, id: string) {
  const expectedType = spec.className === "BasicAuthSecret" ? "kubernetes.io/basic-auth" : (spec.type ?? "Opaque");
  expect(live.type).toBe(expectedType);
  const decoded = Object.fromEntries(Object.entries(decodeData(live.data)).map(([k, v]) => [k, v.toString("utf8")]));
  expect(decoded).toEqual(spec.values);
  expect(live.metadata?.labels).toEqual({ ...spec.labels, "kubesecret.test/scenario": id });
  // The provider marks a name it generated.
  const autonamed = live.metadata?.name === id ? {} : { "pulumi.com/autonamed": "true" };
  expect(live.metadata?.annotations ?? {}).toEqual({ ...spec.annotations, ...autonamed });
  expect(live.immutable).toBe(spec.immutable);
}

/** What one step did, as the report table needs it. */
interface StepRecord {
  naming: string;
  change: string;
  ops: string[];
  effect: Effect;
  samples: number;
  /** Samples without any Secret holding the watched key, and the longest such gap (upper bound). */
  missingSamples: number;
  windowMs: number;
  /** Samples showing two Secrets (old and new) at once. */
  overlapSamples: number;
}
const records: StepRecord[] = [];

/** Checks one applied change: steps, order, live object, outputs, and absence. */
function checkChange(args: {
  naming: Naming;
  id: string;
  change: Change;
  spec: Spec;
  steps: StepRecorder;
  samples: LiveSample[];
  watchKey: string;
  before: OutputMap;
  after: OutputMap;
  live: Awaited<ReturnType<typeof liveOf>>;
}) {
  const { naming, id, change, spec, steps, samples, watchKey, before, after, live } = args;
  const child = childName(naming, id);
  const ops = steps.ops(SECRET_TYPE, child);
  const fixed = naming.slug === "fixed";

  // The live result, and outputs that follow it.
  expectLiveMatches(live, spec, id);
  expect(after.name?.value).toBe(live.metadata?.name);
  expect(after.uid?.value).toBe(live.metadata?.uid);
  expect(after.resourceVersion?.value).toBe(live.metadata?.resourceVersion);
  expect(after.resourceVersion?.value).not.toBe(before.resourceVersion?.value);
  expect(after.keys?.value).toEqual(Object.keys(spec.values).sort());

  const gap = absence(samples, (s) => s.keys.includes(watchKey));
  const record: StepRecord = {
    naming: naming.naming,
    change: change.title,
    ops,
    effect: change.effect,
    samples: gap.samples,
    missingSamples: gap.missing,
    windowMs: gap.longestMs,
    overlapSamples: samples.filter((x) => x.secrets.length > 1).length,
  };
  records.push(record);

  if (change.effect === "update") {
    expect(ops).toEqual(["update"]);
    expect(after.uid?.value, "same object").toBe(before.uid?.value);
    expect(after.name?.value, "same name").toBe(before.name?.value);
    expect(gap.missing, "the Secret exists throughout an update").toBe(0);
    expect(uidSequence(samples), "one object throughout").toEqual([[before.uid?.value]]);
  } else if (fixed) {
    // Delete before create: the old object is gone before the new one is created.
    expect(ops).toEqual(["delete-replaced", "replace", "create-replacement"]);
    expect(steps.indexOf("delete-replaced", SECRET_TYPE, child, "done")).toBeLessThan(
      steps.indexOf("create-replacement", SECRET_TYPE, child, "pre"),
    );
    expect(after.uid?.value, "a new object").not.toBe(before.uid?.value);
    expect(after.name?.value, "under the same name").toBe(before.name?.value);
    expect(
      uidSequence(samples).filter((uids) => uids.length > 0),
      "old, then new, never both",
    ).toEqual([[before.uid?.value], [after.uid?.value]]);
  } else {
    // Create before delete: the new object (new name) exists before the old one is deleted.
    expect(ops).toEqual(["create-replacement", "replace", "delete-replaced"]);
    expect(steps.indexOf("create-replacement", SECRET_TYPE, child, "done")).toBeLessThan(
      steps.indexOf("delete-replaced", SECRET_TYPE, child, "pre"),
    );
    expect(after.uid?.value, "a new object").not.toBe(before.uid?.value);
    expect(after.name?.value, "with a new generated name").not.toBe(before.name?.value);
    expect(after.name?.value).toMatch(new RegExp(`^${id}-[0-9a-f]{8}$`));
    expect(gap.missing, `a Secret with ${watchKey} exists at every sample`).toBe(0);
    const seen = uidSequence(samples).flat();
    expect(seen[0]).toBe(before.uid?.value);
    expect(seen[seen.length - 1]).toBe(after.uid?.value);
  }
  observe(`${naming.naming}: ${change.title}`, record);
}

/** Runs `up` while sampling the scenario's live Secrets, recording the engine's steps. */
async function sampledUp(stack: TestStack, id: string) {
  const steps = recordSteps();
  const { result, samples } = await whileSampling(e2e.core, e2e.namespace, `kubesecret.test/scenario=${id}`, () =>
    stack.up({ onEvent: steps.onEvent }),
  );
  return { result, samples, steps };
}

describe.each(NAMINGS)("with $naming", (naming) => {
  it.each(SCENARIOS.map((s, i) => ({ ...s, index: i })))("$title", async (scenario) => {
    const id = `upd-${naming.slug}-${scenario.index}`;
    let spec = scenario.start();
    const stack = await subjectStack(id, naming, () => spec);
    let outputs = (await stack.up()).outputs;
    expectLiveMatches(await liveOf(id), spec, id);

    for (const change of scenario.changes) {
      spec = change.apply(spec);
      const { result, samples, steps } = await sampledUp(stack, id);
      expect(result.summary.result).toBe("succeeded");
      const live = await liveOf(id);
      checkChange({
        naming,
        id,
        change,
        spec,
        steps,
        samples,
        watchKey: scenario.watchKey,
        before: outputs,
        after: result.outputs,
        live,
      });
      outputs = result.outputs;
    }
  });
});

describe("switching immutable off on its own", () => {
  it.each(NAMINGS)("fails with $naming: the provider updates in place and the API refuses", async (naming) => {
    const id = `upd-${naming.slug}-mutable`;
    let spec: Spec = { ...opaque(), immutable: true };
    const stack = await subjectStack(id, naming, () => spec);
    const created = await stack.up();
    const before = await liveOf(id);

    spec = { ...spec, immutable: false };
    const steps = recordSteps();
    const failure = await stack.up({ onEvent: steps.onEvent }).then(
      () => undefined,
      (err: unknown) => String(err),
    );
    expect(failure, "the update fails").toBeDefined();
    expect(failure).toContain("field is immutable when `immutable` is set");
    expect(steps.ops(SECRET_TYPE, childName(naming, id))).toEqual(["update"]);
    observe(`${naming.naming}: immutable: true → false alone`, { ops: steps.summary() });

    // Nothing changed on the cluster...
    const after = await liveOf(id);
    expect(after.metadata?.uid).toBe(before.metadata?.uid);
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
    expect(after.immutable).toBe(true);

    // ...but the failed attempt's inputs are in the state (a partial failure), so going back to
    // immutable: true is an update, not a no-op. It succeeds, keeps the object, and only then
    // are the state and the cluster in step again.
    spec = { ...spec, immutable: true };
    const backSteps = recordSteps();
    const back = await stack.up({ onEvent: backSteps.onEvent });
    expect(backSteps.ops(SECRET_TYPE, childName(naming, id))).toEqual(["update"]);
    const restored = await liveOf(id);
    expect(restored.metadata?.uid).toBe(before.metadata?.uid);
    expect(back.outputs.uid?.value).toBe(created.outputs.uid?.value);
    expect(back.outputs.resourceVersion?.value).toBe(restored.metadata?.resourceVersion);
    observe(`${naming.naming}: back to immutable: true after the failure`, {
      ops: backSteps.summary(),
      resourceVersion: `${before.metadata?.resourceVersion} → ${restored.metadata?.resourceVersion}`,
    });
    await stack.up({ expectNoChanges: true });
  });
});

describe("secrecy", () => {
  it("printed and stored no secret value in any operation of this file", () => {
    observe("update rules", records);
    const { text, stateFiles } = leakScanText(stacks);
    expect(text).toContain("### up");
    expect(stateFiles).toBeGreaterThanOrEqual(stacks.length * 2);
    expect(findLeaks(text, canaries)).toEqual([]);
  });
});
