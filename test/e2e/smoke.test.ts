/**
 * Smoke test: a kubesecret.Secret through its whole life on a real cluster — created by
 * `pulumi up`, read back byte for byte, secret in state, stable on a second `up`, gone after
 * `destroy` — once as an inline program and once as a program directory run by the real
 * Node.js language host.
 */
import path from "node:path";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import {
  SECRET_SIGNATURE,
  type TestStack,
  canary,
  createStack,
  decodeData,
  findLeaks,
  importLibrary,
  readSecret,
  transcriptText,
  useE2E,
} from "./harness";

const e2e = useE2E("smoke");
const canaries: string[] = [];

const UNICODE = "pässwörd ✓ 鍵 🔑";
const BLOB = Buffer.from([0x00, 0xff, 0x10, 0x80, 0xfe, 0x7f, 0x0a, 0x0d, 0xc3, 0x28]); // not UTF-8

/** What the Secret must hold, as bytes by key. */
function expectedBytes(canaryValue: string): Record<string, Buffer> {
  return {
    canary: Buffer.from(canaryValue, "utf8"),
    unicode: Buffer.from(UNICODE, "utf8"),
    empty: Buffer.alloc(0),
    "blob.bin": BLOB,
  };
}

function expectSameBytes(actual: Record<string, Buffer>, expected: Record<string, Buffer>) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [key, bytes] of Object.entries(expected)) {
    expect(actual[key]?.toString("hex"), `bytes of ${key}`).toBe(bytes.toString("hex"));
  }
}

/**
 * The life cycle both variants share, once `up` has created the stack's Secret. The program
 * exports name, namespace, uid, resourceVersion, type, keys and data.
 */
async function checkLifecycle(stack: TestStack, canaryValue: string) {
  const expected = expectedBytes(canaryValue);
  const outputs: OutputMap = await stack.outputs();
  expect(outputs.data?.secret, "the data output is secret").toBe(true);
  expect(outputs.keys?.value).toEqual(Object.keys(expected).sort());
  const name = outputs.name?.value as string;
  const live = await readSecret(e2e.core, e2e.namespace, name);
  expect(live, `Secret ${e2e.namespace}/${name} exists`).toBeDefined();
  expect(live!.metadata?.uid).toBe(outputs.uid?.value);
  expect(live!.metadata?.resourceVersion).toBe(outputs.resourceVersion?.value);
  expect(live!.type).toBe("Opaque");
  expect(outputs.type?.value).toBe("Opaque");
  expect(outputs.namespace?.value).toBe(e2e.namespace);
  expectSameBytes(decodeData(live!.data), expected);
  expectSameBytes(decodeData(outputs.data?.value as Record<string, string>), expected);

  // State: encrypted values only.
  const state = stack.rawState();
  expect(findLeaks(state, [canaryValue, UNICODE]), "secret values in the state file").toEqual([]);
  expect(state).toContain(SECRET_SIGNATURE);
  expect(state).toContain('"ciphertext"');

  // A second up changes nothing (the CLI fails the update if it would).
  const again = await stack.up({ expectNoChanges: true });
  expect(again.summary.result).toBe("succeeded");
  expect(Object.keys(again.summary.resourceChanges ?? {})).toEqual(["same"]);
  const unchanged = await readSecret(e2e.core, e2e.namespace, name);
  expect(unchanged?.metadata?.resourceVersion, "no write to the live object").toBe(live!.metadata?.resourceVersion);

  // Destroy removes the object.
  const destroyed = await stack.destroy();
  expect(destroyed.summary.result).toBe("succeeded");
  expect(await readSecret(e2e.core, e2e.namespace, name), "Secret gone after destroy").toBeUndefined();

  // Nothing the CLI printed (output, errors, engine events; debug diagnostics aside, see
  // harness.ts) shows a value.
  expect(findLeaks(stack.text(), [canaryValue, UNICODE]), "secret values in CLI output").toEqual([]);
  await stack.remove();
}

describe("kubesecret.Secret, end to end", () => {
  it("inline program: up, read back, state, no-op up, destroy", async () => {
    const canaryValue = canary();
    canaries.push(canaryValue);
    const namespace = e2e.namespace;
    const stack = await createStack({
      name: "smoke-inline",
      program: async () => {
        const kubesecret = await importLibrary();
        const secret = new kubesecret.Secret("smoke", {
          namespace,
          name: "smoke-inline",
          stringData: { canary: canaryValue, unicode: UNICODE, empty: "" },
          data: { "blob.bin": BLOB.toString("base64") },
        });
        return {
          name: secret.name,
          namespace: secret.namespace,
          uid: secret.uid,
          resourceVersion: secret.resourceVersion,
          type: secret.type,
          keys: secret.keys,
          data: secret.data,
        };
      },
    });
    const result = await stack.up();
    expect(result.summary.result).toBe("succeeded");
    expect(result.summary.resourceChanges?.create).toBeGreaterThanOrEqual(3); // stack, component, Secret
    expect(result.outputs.name?.value).toBe("smoke-inline");
    await checkLifecycle(stack, canaryValue);
  });

  it("program directory through pulumi-language-nodejs, with generateName", async () => {
    const canaryValue = canary();
    canaries.push(canaryValue);
    const stack = await createStack({
      name: "smoke-dir",
      dir: path.join(__dirname, "support", "programs", "smoke"),
      config: {
        namespace: { value: e2e.namespace },
        canary: { value: canaryValue, secret: true },
        blob: { value: BLOB.toString("base64") },
      },
    });
    const result = await stack.up();
    expect(result.summary.result).toBe("succeeded");
    // generateName "smoke-": the provider names the object <child name>-<8 hex>.
    expect(result.outputs.name?.value).toMatch(/^smoke-[0-9a-f]{8}$/);
    await checkLifecycle(stack, canaryValue);
  });

  it("printed no secret value in any operation of this file", () => {
    const transcript = transcriptText();
    expect(transcript).toContain("### destroy");
    expect(findLeaks(transcript, [...canaries, UNICODE])).toEqual([]);
  });
});
