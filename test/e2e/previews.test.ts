/**
 * Previews a reviewer can trust: for create, no change, a label change and a
 * value change (default provider: replacement; enableSecretMutable: in place), every output the
 * preview computes is either unknown or exactly what the following `up` produces. The preview's
 * values are read from the engine's events (the root stack's outputs), as the CLI has them.
 */
import { describe, expect, it } from "vitest";
import { type TestStack, libraryStack, useE2E } from "./harness";
import { classCases } from "./support/classes";
import { observe } from "./support/observe";
import { PROVIDER_MODES, providerOptions } from "./support/secretMutable";

const e2e = useE2E("previews");
/** How the engine marks a value that is not known yet. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const FIELDS = ["name", "uid", "resourceVersion", "creationTimestamp", "revision"] as const;
type Values = Record<string, string>;

interface Program {
  value: string;
  label: string;
}

async function previewStack(id: string, mutable: boolean, program: () => Program) {
  const namespace = e2e.namespace;
  return libraryStack(id, async (lib) => {
    const k8s = await import("@pulumi/kubernetes");
    const p = program();
    const opts = providerOptions(k8s, mutable);
    const args = { namespace, labels: { tier: p.label }, stringData: { password: p.value }, trackRevision: true };
    const generated = new lib.Secret("gen", { ...args, generateName: `${id}-` }, opts);
    const fixed = new lib.Secret("fixed", { ...args, name: `${id}-fixed` }, opts);
    const flat: Record<string, unknown> = {};
    for (const [which, s] of Object.entries({ generated, fixed })) {
      for (const field of FIELDS) flat[`${which}.${field}`] = s[field];
    }
    return flat;
  });
}

/** The stack outputs as a preview computes them (UNKNOWN where the engine does not know them yet). */
async function previewed(stack: TestStack): Promise<Values> {
  let outputs: Values = {};
  await stack.preview({
    diff: true,
    onEvent: (e) => {
      const m = e.resOutputsEvent?.metadata;
      if (m?.type === "pulumi:pulumi:Stack") outputs = (m.new?.outputs ?? {}) as Values;
    },
  });
  return outputs;
}

async function applied(stack: TestStack): Promise<Values> {
  const { outputs } = await stack.up();
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, String(v.value)]));
}

/** Outputs the preview shows unknown, and outputs it shows but `up` then changes. */
function compare(preview: Values, up: Values) {
  const unknown = Object.keys(up)
    .filter((k) => preview[k] === UNKNOWN)
    .sort();
  const wrong = Object.keys(up)
    .filter((k) => preview[k] !== UNKNOWN && preview[k] !== up[k])
    .sort();
  return { unknown, wrong };
}

const all = (which: string, fields: readonly string[] = FIELDS) => fields.map((f) => `${which}.${f}`);

describe.each(PROVIDER_MODES)("preview vs the following up, $provider", ({ mutable }) => {
  it("create, no change, label change, value change", async () => {
    const id = mutable ? "pv-mut" : "pv-def";
    let program: Program = { value: "first", label: "a" };
    const stack = await previewStack(id, mutable, () => program);
    const record: Record<string, unknown> = {};

    // Create: what the API server assigns is unknown; a fixed name is known and right.
    let result = compare(await previewed(stack), await applied(stack));
    expect(result.wrong).toEqual([]);
    expect(result.unknown).toEqual([...all("fixed", FIELDS.slice(1)), ...all("generated")].sort());
    record.create = result;

    // No change: everything known and exact.
    let current = await applied(stack);
    result = compare(await previewed(stack), current);
    expect(result).toEqual({ unknown: [], wrong: [] });
    record.noChange = result;

    // A label change updates in place: identity and revision exact; the resourceVersion is the
    // one exception (a dry run does not bump it), as docs/behaviour.md says.
    program = { ...program, label: "b" };
    const before = current;
    let preview = await previewed(stack);
    current = await applied(stack);
    result = compare(preview, current);
    expect(result).toEqual({ unknown: [], wrong: ["fixed.resourceVersion", "generated.resourceVersion"] });
    expect(preview["generated.resourceVersion"]).toBe(before["generated.resourceVersion"]);
    record.labelChange = result;

    // A value change: replaced (default provider) or updated in place (enableSecretMutable).
    program = { ...program, value: "second" };
    preview = await previewed(stack);
    current = await applied(stack);
    result = compare(preview, current);
    if (mutable) {
      expect(result).toEqual({ unknown: [], wrong: ["fixed.resourceVersion", "generated.resourceVersion"] });
      expect(preview["generated.revision"]).toBe(current["generated.revision"]);
    } else {
      expect(result.wrong).toEqual([]);
      expect(result.unknown).toEqual([...all("fixed", FIELDS.slice(1)), ...all("generated")].sort());
    }
    expect(current["generated.revision"]).not.toBe(before["generated.revision"]);
    record.valueChange = result;
    observe(`preview vs up, ${mutable ? "enableSecretMutable" : "default provider"}`, record);
  });
});

describe("keys in a create preview", () => {
  it("are known while labels are unknown, and equal what the following up makes (cluster-filled keys: unknown)", async () => {
    const cases = classCases();
    const stack = await libraryStack("pv-keys", (lib) => {
      // A uid is unknown until the Secret exists: every label below is unknown in this preview.
      const anchor = new lib.Secret("anchor", { namespace: e2e.namespace, stringData: { a: "b" } });
      const keys: Record<string, unknown> = {};
      for (const c of cases) {
        const component = c.create(
          lib,
          `keys-${c.className.toLowerCase()}`,
          { namespace: e2e.namespace },
          {
            args: { labels: { anchor: anchor.uid } },
          },
        );
        keys[c.className] = component.keys;
      }
      return keys;
    });
    const preview = await previewed(stack);
    const { outputs: up } = await stack.up();
    const unknownInPreview = cases.filter((c) => preview[c.className] === UNKNOWN).map((c) => c.className);
    expect(unknownInPreview).toEqual(cases.filter((c) => c.expected === undefined).map((c) => c.className));
    for (const c of cases.filter((c) => c.expected !== undefined)) {
      expect(preview[c.className], c.className).toEqual(up[c.className]!.value);
      expect(preview[c.className], c.className).toEqual(Object.keys(c.expected!).sort());
    }
    observe("keys in a create preview with unknown labels", { unknownInPreview });
  });
});
