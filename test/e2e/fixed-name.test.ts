/**
 * A fixed `name` and value changes: what really happens when the name cannot be reused until the
 * old Secret is gone, and the preview warning that steers away from it.
 *
 * Observed with pulumi-kubernetes v4.25: an immutable Secret with a fixed name, with
 * `kubernetes:enableSecretMutable: "true"` in stack config, is replaced on a value change by
 * deleting it first and creating it again under the same name (the name is taken until then), so
 * it is missing for a moment, and the Deployment that takes its name is deleted before it and
 * re-created after it, exactly as with the default provider.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import { type TestStack, canaryJar, e2eContext, findLeaks, libraryStack, useE2E } from "./harness";
import { secretReader } from "./support/deployments";
import { SECRET_TYPE, absence, observe, recordSteps, uidSequence, whileSampling } from "./support/observe";
import { leakScanText } from "./support/scan";

const e2e = useE2E("fixed-name");
const { planted: canaries, fresh } = canaryJar();
const SCENARIO = "kubesecret.test/scenario";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const stacks: TestStack[] = [];

interface Program {
  value: string;
  immutable: boolean;
  /** "explicit": an explicit provider (without enableSecretMutable) on the component. */
  provider: "default" | "explicit";
}

/** A Secret with a fixed name and a Deployment taking it through `envFrom`. */
async function fixedNameStack(id: string, program: () => Program) {
  const namespace = e2e.namespace;
  const stack = await libraryStack(id, async (lib) => {
    const k8s = await import("@pulumi/kubernetes");
    const p = program();
    const opts =
      p.provider === "explicit"
        ? { provider: new k8s.Provider("explicit", { kubeconfig: e2eContext().kubeconfigPath }) }
        : {};
    const secret = new lib.Secret(
      "db",
      {
        namespace,
        name: id,
        labels: { [SCENARIO]: id },
        immutable: p.immutable,
        stringData: { password: p.value },
      },
      opts,
    );
    const app = secretReader(k8s, { namespace, id, envFrom: lib.envFrom(secret) }, opts);
    return { uid: secret.uid, deployment: app.metadata.uid };
  });
  stacks.push(stack);
  return stack;
}

/** The warnings of one operation (engine diagnostics of severity "warning"). */
function warningsOf() {
  const warnings: string[] = [];
  const onEvent = (event: EngineEvent) => {
    const diagnostic = event.diagnosticEvent;
    if (diagnostic?.severity === "warning") warnings.push(diagnostic.message);
  };
  return { warnings, onEvent };
}

const FIXED_NAME_WARNING = /has a fixed name: a change of value deletes the Secret/;

describe("a fixed name, immutable: true, enableSecretMutable in stack config, and a value change", () => {
  it("deletes the Secret, then creates it again; the Deployment using it is deleted before and re-created after", async () => {
    const id = "fixed-immutable";
    let value = fresh("first");
    const stack = await fixedNameStack(id, () => ({ value, immutable: true, provider: "default" }));
    await stack.setConfig({ "kubernetes:enableSecretMutable": { value: "true" } });
    const before = (await stack.up()).outputs;
    value = fresh("second");
    const steps = recordSteps();
    const { result, samples } = await whileSampling(e2e.core, e2e.namespace, `${SCENARIO}=${id}`, () =>
      stack.up({ onEvent: steps.onEvent }),
    );
    expect(result.summary.result).toBe("succeeded");
    const secretOps = steps.ops(SECRET_TYPE);
    const deploymentOps = steps.ops(DEPLOYMENT);
    observe("fixed name, immutable, enableSecretMutable: value change", { steps: steps.summary() });
    // Delete before create: the name is taken until the old Secret is gone.
    expect(secretOps).toEqual(["delete-replaced", "replace", "create-replacement"]);
    expect(steps.indexOf("delete-replaced", DEPLOYMENT)).toBeGreaterThanOrEqual(0);
    expect(steps.indexOf("delete-replaced", DEPLOYMENT)).toBeLessThan(steps.indexOf("delete-replaced", SECRET_TYPE));
    expect(steps.indexOf("create-replacement", DEPLOYMENT)).toBeGreaterThan(
      steps.indexOf("create-replacement", SECRET_TYPE),
    );
    expect(deploymentOps).toEqual(["delete-replaced", "replace", "create-replacement"]);
    const after = result.outputs;
    expect(after.uid?.value).not.toBe(before.uid?.value);
    expect(after.deployment?.value).not.toBe(before.deployment?.value);
    const gap = absence(samples, () => true);
    expect(gap.missing, "the Secret is missing between the delete and the create").toBeGreaterThan(0);
    // Never two at once: the old one goes before the new one comes.
    expect(uidSequence(samples).every((uids) => uids.length <= 1)).toBe(true);
    observe("fixed name, immutable, enableSecretMutable: missing for", gap);
  });
});

describe("the preview warning about a fixed name", () => {
  it("warns under the default provider without enableSecretMutable, naming the component and no value", async () => {
    const secretValue = fresh("warned");
    const stack = await fixedNameStack("fixed-warn", () => ({
      value: secretValue,
      immutable: false,
      provider: "default",
    }));
    const { warnings, onEvent } = warningsOf();
    await stack.preview({ onEvent });
    const matching = warnings.filter((w) => FIXED_NAME_WARNING.test(w));
    expect(matching).toHaveLength(1);
    expect(matching[0]).toContain('kubesecret:index:Secret "db"');
    expect(matching[0]).toContain("kubernetes:enableSecretMutable");
  });

  it.each([
    ["kubernetes:enableSecretMutable is true in stack config", "config"],
    ["the component has an explicit provider", "explicit"],
  ] as const)("is absent when %s", async (_, variant) => {
    const stack = await fixedNameStack(`fixed-quiet-${variant}`, () => ({
      value: fresh("quiet"),
      immutable: false,
      provider: variant === "explicit" ? "explicit" : "default",
    }));
    if (variant === "config") await stack.setConfig({ "kubernetes:enableSecretMutable": { value: "true" } });
    const { warnings, onEvent } = warningsOf();
    await stack.preview({ onEvent });
    expect(warnings.filter((w) => FIXED_NAME_WARNING.test(w))).toEqual([]);
    // The program ran: the preview planned the Secret.
    expect(stack.text()).toContain(SECRET_TYPE);
  });
});

describe("secrecy", () => {
  it("printed and stored no secret value in any operation of this file", () => {
    expect(canaries.length).toBeGreaterThan(3);
    const { text } = leakScanText(stacks);
    expect(findLeaks(text, canaries)).toEqual([]);
  });
});
