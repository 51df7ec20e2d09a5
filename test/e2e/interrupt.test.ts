/**
 * An up interrupted like Ctrl-C (the Automation API's AbortSignal sends SIGINT) cancels cleanly:
 * no pending operations, the live Secrets are exactly the state's, and the next up converges.
 */
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { createStack, e2eContext, importLibrary, useE2E } from "./harness";
import { Gate, liveAndState as liveAndStateOf, pendingOperations, secretsWithLabel, sleep } from "./support/faults";

const e2e = useE2E("interrupt");
const log = (message: string) => console.log(`[interrupt] ${message}`);

describe("an up interrupted like Ctrl-C", () => {
  it("stops cleanly with nothing pending, and the next up converges", async () => {
    const namespace = e2e.namespace;
    const selector = `kubesecret.test/interrupted=${e2eContext().runId}`;
    const [key, label] = selector.split("=") as [string, string];
    let secondWave: Promise<void> = Promise.resolve();
    const stack = await createStack({
      name: "interrupted",
      program: async () => {
        const lib = await importLibrary();
        for (let i = 0; i < 30; i++) {
          const value = i < 10 ? `value-${i}` : pulumi.output(secondWave.then(() => `value-${i}`));
          new lib.Secret(`interrupted-${i}`, { namespace, labels: { [key]: label }, stringData: { value } });
        }
      },
    });
    const gate = new Gate();
    secondWave = gate.opened;
    const interrupt = new AbortController();
    const up = stack.up({ signal: interrupt.signal }).then(
      () => undefined,
      (err: unknown) => err,
    );
    while ((await secretsWithLabel(e2e.core, namespace, selector)).length < 10) await sleep(50);
    interrupt.abort();
    setTimeout(() => gate.open(), 200);
    const error = await up;

    expect(String(error)).toMatch(/\^C received; cancelling/);
    expect(pendingOperations(stack), "pending operations in the state").toEqual([]);
    const interrupted = await liveAndStateOf(e2e.core, e2e.namespace, stack, selector);
    log(`interrupted: ${interrupted.liveIds.length} Secrets live, ${interrupted.stateIds.length} in the state`);
    expect(interrupted.liveIds).toEqual(interrupted.stateIds);

    secondWave = Promise.resolve();
    expect((await stack.up()).summary.result).toBe("succeeded");
    const final = await liveAndStateOf(e2e.core, e2e.namespace, stack, selector);
    expect(final.live).toHaveLength(30);
    expect(final.liveIds).toEqual(final.stateIds);
    await stack.destroy();
  });
});
