/**
 * examples/rotation, deployed through the real Node.js language host as a user would run it: a
 * rotated password updates the Secret in place (same uid) and rolls the Deployment once.
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type TestStack,
  canary,
  createStack,
  decodeData,
  findLeaks,
  readSecret,
  transcriptText,
  useE2E,
} from "./harness";
import { replicaSets } from "./support/replicaSets";

const e2e = useE2E("example-rotation");
const example = path.resolve(__dirname, "..", "..", "examples", "rotation");

describe("examples/rotation: rotate a value in place and roll the Deployment", () => {
  const [first, second] = [canary("rotation-pw"), canary("rotation-pw-2")];
  let stack: TestStack;
  afterAll(() => stack?.remove());

  it("rolls exactly once per rotated value, keeping the Secret", async () => {
    stack = await createStack({
      name: "example-rotation",
      dir: example,
      config: {
        namespace: { value: e2e.namespace },
        dbPassword: { value: first, secret: true },
        skipAwait: { value: "true" },
      },
    });
    const before = (await stack.up()).outputs;
    await replicaSets(e2e.namespace, "rotation", 1);
    await stack.setConfig({ dbPassword: { value: second, secret: true } });
    const after = (await stack.up()).outputs;
    expect(after.secretUid?.value).toBe(before.secretUid?.value);
    expect(after.revision?.value).not.toBe(before.revision?.value);
    await replicaSets(e2e.namespace, "rotation", 2);
    const live = decodeData((await readSecret(e2e.core, e2e.namespace, String(after.secretName?.value)))?.data);
    expect(live["password"]?.toString()).toBe(second);
    expect(findLeaks(transcriptText(), [first, second])).toEqual([]);
  });
});
