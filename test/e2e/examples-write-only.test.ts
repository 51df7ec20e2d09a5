/**
 * examples/write-only as a user runs it: copied outside the repository with the package packed by
 * `npm pack` and installed from its tarball (tools/examples.ts), the password given as secret
 * stack config (`pulumi config set --secret`), through the real Node.js language host, the real
 * dynamic-provider host and the local control plane. What it proves from the packed package: the
 * write-only provider loads from `kubesecret/write-only-provider`; no form of the password is in
 * the decrypted export, the state file or its history, or anything the CLI printed; a new password
 * is written in place and rolls the Deployment once.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestStack, canary, createStack, decodeData, findLeaks, readSecret, runPulumi } from "./harness";
import { endOfFileChecks, useExamples } from "./support/examples";
import { replicaSets } from "./support/replicaSets";
import { stateFilesOf } from "./support/scan";
import { WRITE_ONLY_TYPE } from "./support/writeOnly";

const file = useExamples("examples-write-only", ["write-only"]);
const { e2e } = file;
const [first, second] = [canary("wo-example-pw"), canary("wo-example-pw-2")];
file.planted.push(first, second);

let dir = "";
beforeAll(() => {
  dir = file.example("write-only");
  // A user's project has node_modules in the program's directory; the dynamic-provider host
  // (pulumi-resource-pulumi-nodejs) runs ./node_modules/@pulumi/pulumi from there.
  fs.symlinkSync(path.join(dir, "..", "node_modules"), path.join(dir, "node_modules"));
});

/** Every place this test can read without the cluster: a decrypted export, the state files, the CLI's output. */
async function everythingStored(stack: TestStack): Promise<string> {
  const exported = await runPulumi(["stack", "export", "--show-secrets", "--stack", stack.name], dir);
  const files = stateFilesOf([stack]).map((stateFile) => fs.readFileSync(stateFile, "utf8"));
  return [exported, ...files, stack.text()].join("\n");
}

describe("examples/write-only: a password that never enters state, from the packed package", () => {
  let stack: TestStack;
  afterAll(() => stack?.remove());

  it("writes the password, keeps it out of state (secret config included), rotates it in place and rolls once", async () => {
    stack = await createStack({
      name: "example-write-only",
      dir,
      config: {
        namespace: { value: e2e.namespace },
        dbPassword: { value: first, secret: true },
        skipAwait: { value: "true" },
      },
    });
    const before = (await stack.up()).outputs;
    const name = String(before.secretName?.value);
    const live = await readSecret(e2e.core, e2e.namespace, name);
    expect(decodeData(live?.data)["password"]?.toString()).toBe(first);
    expect(live?.metadata?.uid).toBe(before.secretUid?.value);
    await replicaSets(e2e.namespace, "write-only", 1);

    expect(findLeaks(await everythingStored(stack), [first])).toEqual([]);
    // Why: the write-only resource runs on the program's own provider instance, which holds no
    // config; the default one would have been given (and stored) the stack's configuration.
    const resources = stack.state().checkpoint.latest.resources as { type: string; provider?: string }[];
    const child = resources.find((r) => r.type === WRITE_ONLY_TYPE);
    expect(child?.provider).toMatch(/::pulumi:providers:pulumi-nodejs::kubesecret::/);

    await stack.setConfig({ dbPassword: { value: second, secret: true } });
    const after = (await stack.up()).outputs;
    expect(after.secretUid?.value).toBe(before.secretUid?.value);
    expect(after.revision?.value).not.toBe(before.revision?.value);
    const rotated = await readSecret(e2e.core, e2e.namespace, name);
    expect(decodeData(rotated?.data)["password"]?.toString()).toBe(second);
    await replicaSets(e2e.namespace, "write-only", 2);

    // No change: nothing written.
    await stack.up();
    expect((await readSecret(e2e.core, e2e.namespace, name))?.metadata?.resourceVersion).toBe(
      rotated?.metadata?.resourceVersion,
    );
    expect(findLeaks(await everythingStored(stack), [first, second])).toEqual([]);

    expect((await stack.destroy()).summary.result).toBe("succeeded");
    expect(await readSecret(e2e.core, e2e.namespace, name)).toBeUndefined();
  });
});

endOfFileChecks(file);
