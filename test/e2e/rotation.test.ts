/**
 * Rotating a value without downtime: with a Kubernetes provider that has
 * `enableSecretMutable`, a value change updates the Secret in place — same name, same uid, a new
 * resourceVersion, never absent — for every class and every way of handing a component its
 * provider; `immutable: true` still replaces; a Deployment using the Secret is left alone.
 * The live Secrets are listed every 50 ms during each `up`.
 */
import fs from "node:fs";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import { type TestStack, createStack, decodeData, e2eContext, importLibrary, useE2E } from "./harness";
import { type ClassCase, type Library, classCases } from "./support/classes";
import { SECRET_TYPE, absence, observe, recordSteps, whileSampling } from "./support/observe";

const e2e = useE2E("rotation");
const SCENARIO = "kubesecret.test/scenario";

/** The ways a program hands a component a provider with `enableSecretMutable`. */
const WAYS = ["provider", "providers array", "providers map", "parent's providers", "stack config"] as const;
type Way = (typeof WAYS)[number];

/** An explicit provider for this cluster, from a kubeconfig, that updates Secrets in place. */
async function mutableProvider() {
  const k8s = await import("@pulumi/kubernetes");
  return new k8s.Provider("mutable", {
    kubeconfig: fs.readFileSync(e2eContext().kubeconfigPath, "utf8"),
    enableSecretMutable: true,
  });
}

/** Resource options for `way` (a parent for "parent's providers"). */
async function optionsFor(lib: Library, way: Way, id: string) {
  const pulumi = await import("@pulumi/pulumi");
  if (way === "stack config") return {};
  const provider = await mutableProvider();
  if (way === "provider") return { provider };
  if (way === "providers array") return { providers: [provider] };
  if (way === "providers map") return { providers: { kubernetes: provider } };
  void lib;
  return {
    parent: new pulumi.ComponentResource("kubesecret-test:index:App", `${id}-app`, {}, { providers: [provider] }),
  };
}

/** A stack that creates the given cases (values read on every run) with the given way. */
async function rotationStack(id: string, way: Way, cases: () => ClassCase[], extraArgs: Record<string, unknown> = {}) {
  const namespace = e2e.namespace;
  const stack = await createStack({
    name: id,
    program: async () => {
      const lib = await importLibrary();
      const opts = await optionsFor(lib, way, id);
      const outputs: Record<string, unknown> = {};
      for (const c of cases()) {
        const labels = { ...c.labels, [SCENARIO]: id };
        const component = c.create(
          lib,
          `${id}-${c.className.toLowerCase()}`,
          { namespace },
          { args: { labels, ...extraArgs }, opts },
        );
        const { name, uid, resourceVersion, revision } = component;
        outputs[c.className] = { name, uid, resourceVersion, revision };
      }
      return outputs;
    },
  });
  if (way === "stack config") await stack.setConfig({ "kubernetes:enableSecretMutable": { value: "true" } });
  return stack;
}

type Identity = { name: string; uid: string; resourceVersion: string; revision?: string };
const identities = (outputs: OutputMap) =>
  Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value as Identity]));

/** `up` while listing the scenario's live Secrets; the engine's steps recorded. */
async function sampledUp(stack: TestStack, id: string) {
  const steps = recordSteps();
  const { result, samples } = await whileSampling(e2e.core, e2e.namespace, `${SCENARIO}=${id}`, () =>
    stack.up({ onEvent: steps.onEvent }),
  );
  expect(result.summary.result).toBe("succeeded");
  return { outputs: identities(result.outputs), samples, steps };
}

async function liveData(name: string) {
  const live = await e2e.core.readNamespacedSecret({ name, namespace: e2e.namespace });
  return decodeData(live.data);
}

/** Cases whose values a rotation changes (the token Secret's data is the cluster's). */
const rotated = (c: ClassCase) => c.expected !== undefined;

describe("a value change with enableSecretMutable updates the Secret in place", () => {
  it("for every class (providers: [an explicit provider with a kubeconfig])", async () => {
    const id = "rot-classes";
    let cases = classCases();
    const stack = await rotationStack(id, "providers array", () => cases, { immutable: false });
    const before = identities((await stack.up()).outputs);
    cases = classCases(); // the same classes, every value new
    const { outputs: after, samples, steps } = await sampledUp(stack, id);

    for (const c of cases) {
      const [was, is] = [before[c.className]!, after[c.className]!];
      const child = c.className === "ServiceAccountTokenSecret" ? "same" : "update";
      expect(
        steps.opOf(`kubesecret:index:${c.className}$${SECRET_TYPE}`, `${id}-${c.className.toLowerCase()}`),
        c.className,
      ).toBe(child);
      expect(is.name, `${c.className} keeps its name`).toBe(was.name);
      expect(is.uid, `${c.className} keeps its uid`).toBe(was.uid);
      if (!rotated(c)) continue;
      expect(Number(is.resourceVersion), `${c.className} has a new resourceVersion`).toBeGreaterThan(
        Number(was.resourceVersion),
      );
      expect(await liveData(is.name), `${c.className} holds the new values`).toEqual(c.expected);
      expect(absence(samples, (s) => s.uid === was.uid).missing, `${c.className} is never absent`).toBe(0);
    }
    expect(steps.summary().filter((s) => s.startsWith("replace") || s.startsWith("delete"))).toEqual([]);
    observe("every class, value change with enableSecretMutable", { steps: steps.summary(), samples: samples.length });
  });

  it.each(WAYS)("whichever way the provider is given: %s", async (way) => {
    const id = `rot-way-${WAYS.indexOf(way)}`;
    const secretCase = () => classCases().filter((c) => c.className === "Secret");
    let cases = secretCase();
    // With a revision too: its key's Stash is a child that must not pick up the Kubernetes provider.
    const stack = await rotationStack(id, way, () => cases, { trackRevision: true });
    const before = identities((await stack.up()).outputs).Secret!;
    cases = secretCase();
    const { outputs, samples, steps } = await sampledUp(stack, id);
    const after = outputs.Secret!;
    expect(after.revision).toMatch(/^[0-9a-f]{32}$/);
    expect(after.revision).not.toBe(before.revision);
    expect(steps.ops(SECRET_TYPE)).toEqual(["update"]);
    expect([after.name, after.uid]).toEqual([before.name, before.uid]);
    expect(await liveData(after.name)).toEqual(cases[0]!.expected);
    expect(absence(samples, (s) => s.uid === before.uid).missing).toBe(0);
    observe(`provider given as ${way}`, { steps: steps.summary(), uid: after.uid === before.uid });
  });
});

describe("with enableSecretMutable", () => {
  it("an immutable Secret is still replaced on a value change (created before the old one is deleted)", async () => {
    const id = "rot-immutable";
    let cases = classCases().filter((c) => c.className === "Secret");
    const stack = await rotationStack(id, "providers array", () => cases, { immutable: true });
    const before = identities((await stack.up()).outputs).Secret!;
    cases = classCases().filter((c) => c.className === "Secret");
    const { outputs, steps } = await sampledUp(stack, id);
    expect(steps.ops(SECRET_TYPE)).toEqual(["create-replacement", "replace", "delete-replaced"]);
    expect(outputs.Secret!.uid).not.toBe(before.uid);
  });

  it("a Deployment using the Secret (fixed name) is neither replaced nor changed by a value change", async () => {
    const namespace = e2e.namespace;
    let value = "first";
    const stack = await createStack({
      name: "rot-consumer",
      program: async () => {
        const lib = await importLibrary();
        const k8s = await import("@pulumi/kubernetes");
        const provider = await mutableProvider();
        const secret = new lib.Secret(
          "db",
          { namespace, name: "rot-consumer-db", stringData: { password: value } },
          { provider },
        );
        const app = new k8s.apps.v1.Deployment(
          "consumer",
          {
            metadata: { namespace, annotations: { "pulumi.com/skipAwait": "true" } },
            spec: {
              selector: { matchLabels: { app: "rot-consumer" } },
              template: {
                metadata: { labels: { app: "rot-consumer" } },
                spec: {
                  containers: [
                    { name: "app", image: "registry.kubesecret.test/app:1", envFrom: [lib.envFrom(secret)] },
                  ],
                },
              },
            },
          },
          { provider },
        );
        return { uid: secret.uid, deployment: app.metadata.uid };
      },
    });
    const before = (await stack.up()).outputs;
    value = "second";
    const steps = recordSteps();
    const after = (await stack.up({ onEvent: steps.onEvent })).outputs;
    expect(steps.ops("kubernetes:apps/v1:Deployment")).toEqual(["same"]);
    expect(steps.ops(SECRET_TYPE)).toEqual(["update"]);
    expect([after.uid?.value, after.deployment?.value]).toEqual([before.uid?.value, before.deployment?.value]);
  });
});
