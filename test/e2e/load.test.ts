/**
 * Load: one stack with 300 component Secrets (mostly `Secret`, some of every other class) goes
 * through `up`, a no-op `up` (which must change nothing) and `destroy` with zero failures. The
 * durations are printed, not asserted. Default parallelism.
 */
import { describe, expect, it } from "vitest";
import { makeTlsPair } from "../../tools/tls.ts";
import { type TestStack, createStack, decodeData, e2eContext, importLibrary, useE2E } from "./harness";
import { secretIdsInState, secretsWithLabel } from "./support/faults";

const e2e = useE2E("load");
const TOTAL = 300;
const LABEL = "kubesecret.test/load";
const run = `load-${e2eContext().runId}`;
const selector = `${LABEL}=${run}`;
const tls = makeTlsPair("load.kubesecret.test");

/** How many of each class; `Secret` takes the rest. */
const MIX = {
  BasicAuthSecret: 15,
  SshAuthSecret: 10,
  TlsSecret: 10,
  DockerConfigSecret: 10,
  SecureOpaqueSecret: 10,
  ServiceAccountTokenSecret: 5,
};
const SECRETS = TOTAL - Object.values(MIX).reduce((a, b) => a + b, 0);

const durations: Record<string, string> = {};
async function timed<T>(what: string, operation: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await operation();
  } finally {
    durations[what] = `${((Date.now() - started) / 1000).toFixed(1)}s`;
    console.log(`[load] ${what}: ${durations[what]}`);
  }
}

describe(`one stack with ${TOTAL} component Secrets`, () => {
  let stack: TestStack;

  it("up creates all of them", async () => {
    const namespace = e2e.namespace;
    stack = await createStack({
      name: "load",
      program: async () => {
        const lib = await importLibrary();
        const meta = (i: number) => ({ namespace, labels: { [LABEL]: run, "kubesecret.test/index": String(i) } });
        let i = 0;
        for (let n = 0; n < SECRETS; n++, i++) {
          new lib.Secret(`load-${i}`, { ...meta(i), stringData: { value: `value-${i}`, index: String(i) } });
        }
        for (let n = 0; n < MIX.BasicAuthSecret; n++, i++) {
          new lib.BasicAuthSecret(`load-${i}`, { ...meta(i), username: `user-${i}`, password: `value-${i}` });
        }
        for (let n = 0; n < MIX.SshAuthSecret; n++, i++) {
          new lib.SshAuthSecret(`load-${i}`, { ...meta(i), privateKey: `value-${i}` });
        }
        for (let n = 0; n < MIX.TlsSecret; n++, i++) {
          new lib.TlsSecret(`load-${i}`, { ...meta(i), cert: tls.cert, key: tls.key });
        }
        for (let n = 0; n < MIX.DockerConfigSecret; n++, i++) {
          new lib.DockerConfigSecret(`load-${i}`, {
            ...meta(i),
            registries: [{ server: `registry-${i}.test`, username: "robot", password: `value-${i}` }],
          });
        }
        for (let n = 0; n < MIX.SecureOpaqueSecret; n++, i++) {
          new lib.SecureOpaqueSecret(`load-${i}`, { ...meta(i), stringData: { value: `value-${i}` } });
        }
        for (let n = 0; n < MIX.ServiceAccountTokenSecret; n++, i++) {
          new lib.ServiceAccountTokenSecret(`load-${i}`, { ...meta(i), serviceAccountName: "default" });
        }
      },
    });

    const result = await timed("up", () => stack.up());
    expect(result.summary.result).toBe("succeeded");
    // The stack, the provider is not counted; each component and its Secret are.
    expect(result.summary.resourceChanges).toEqual({ create: 1 + 2 * TOTAL });
    const live = await secretsWithLabel(e2e.core, e2e.namespace, selector);
    expect(live).toHaveLength(TOTAL);
    expect(live.map((s) => `${s.metadata?.namespace}/${s.metadata?.name}`).sort()).toEqual(secretIdsInState(stack));
    const opaque = live.filter((s) => s.type === "Opaque");
    expect(opaque).toHaveLength(SECRETS);
    for (const s of opaque) {
      const data = decodeData(s.data);
      expect(data.value?.toString()).toBe(`value-${data.index?.toString()}`);
    }
  });

  it("a second up changes nothing", async () => {
    const result = await timed("no-op up", () => stack.up({ expectNoChanges: true }));
    expect(result.summary.result).toBe("succeeded");
    expect(result.summary.resourceChanges).toEqual({ same: 1 + 2 * TOTAL });
  });

  it("destroy removes all of them", async () => {
    const result = await timed("destroy", () => stack.destroy());
    expect(result.summary.result).toBe("succeeded");
    expect(result.summary.resourceChanges).toEqual({ delete: 1 + 2 * TOTAL });
    expect(await secretsWithLabel(e2e.core, e2e.namespace, selector)).toEqual([]);
    console.log(`[load] ${TOTAL} component Secrets: ${JSON.stringify(durations)}`);
  });
});
