/**
 * Checks shared by the e2e tests of programs in other languages (multilang.test.ts, go.test.ts):
 * each program describes its Secrets in stack outputs, which must equal the live objects; state
 * holds ciphertext only; a second `up` changes nothing; `destroy` removes the Secrets.
 */
import fs from "node:fs";
import path from "node:path";
import type { ConfigMap, OutputMap } from "@pulumi/pulumi/automation";
import { expect } from "vitest";
import { SECRET_SIGNATURE, findLeaks } from "../../../tools/leaks.ts";
import { decodeData, readSecret } from "../../../tools/kube.ts";
import { REPO_ROOT } from "../../../tools/repo.ts";
import type { E2EFile } from "../harness";
import { e2eContext } from "./context";
import { runPulumi } from "./cli";
import { type TestStack, transcriptText } from "./stacks";

export interface ExpectedSecret {
  /** The stack output describing it: `{ name, uid, resourceVersion | resource_version, type, keys }`. */
  output: string;
  type: string;
  name: string | RegExp;
  /** Data by key, as text. */
  data: Record<string, string>;
}

/** The Opaque Secret `output` every example declares, under a name generated from `app-config`. */
export const appConfigSecret = (output: string, data: Record<string, string>): ExpectedSecret => ({
  output,
  type: "Opaque",
  name: /^app-config-[0-9a-f]{8}$/,
  data,
});

/** The TlsSecret `webTls` (named `web-tls`) of the YAML and Go examples. */
export const webTlsSecret = (tls: { cert: string; key: string }): ExpectedSecret => ({
  output: "webTls",
  type: "kubernetes.io/tls",
  name: "web-tls",
  data: { "tls.crt": tls.cert, "tls.key": tls.key },
});

/** The stack config of an example program: this file's `namespace`, then `plain` and `secret` values. */
export function programConfig(e2e: E2EFile, plain: Record<string, string>, secret: Record<string, string>): ConfigMap {
  const config: ConfigMap = { namespace: { value: e2e.namespace } };
  for (const [key, value] of Object.entries(plain)) config[key] = { value };
  for (const [key, value] of Object.entries(secret)) config[key] = { value, secret: true };
  return config;
}

/** The Secret an output describes: its `name` and `resourceVersion` (or `resource_version`). */
function described(outputs: OutputMap, output: string) {
  const out = outputs[output]!.value as Record<string, unknown>;
  return { out, name: out["name"] as string, resourceVersion: out["resourceVersion"] ?? out["resource_version"] };
}

/** The stack outputs of `expected` equal the live Secrets, which hold the expected data. */
export async function expectOutputsMatchCluster(e2e: E2EFile, outputs: OutputMap, expected: ExpectedSecret[]) {
  for (const secret of expected) {
    expect(outputs[secret.output], `output ${secret.output}`).toBeDefined();
    expect(outputs[secret.output]!.secret, `output ${secret.output} is not secret`).toBe(false);
    const { out, name, resourceVersion } = described(outputs, secret.output);
    if (typeof secret.name === "string") expect(name).toBe(secret.name);
    else expect(name).toMatch(secret.name);
    const live = await readSecret(e2e.core, e2e.namespace, name);
    expect(live, `Secret ${e2e.namespace}/${name}`).toBeDefined();
    expect(out["uid"], `${secret.output} uid`).toBe(live!.metadata?.uid);
    expect(resourceVersion, `${secret.output} resourceVersion`).toBe(live!.metadata?.resourceVersion);
    expect(out["type"]).toBe(secret.type);
    expect(live!.type).toBe(secret.type);
    expect(out["keys"]).toEqual(Object.keys(secret.data).sort());
    const bytes = decodeData(live!.data);
    expect(Object.fromEntries(Object.entries(bytes).map(([k, v]) => [k, v.toString("utf8")]))).toEqual(secret.data);
  }
}

/**
 * The first `up` succeeds creating `creates` resources; the data output `dataOutput` is secret and
 * the outputs of `expected` equal the live Secrets. Returns the stack's outputs.
 */
export async function expectFirstUpMatchesCluster(
  e2e: E2EFile,
  stack: TestStack,
  expected: ExpectedSecret[],
  { creates, dataOutput }: { creates: number; dataOutput: string },
): Promise<OutputMap> {
  const result = await stack.up();
  expect(result.summary.result).toBe("succeeded");
  expect(result.summary.resourceChanges?.create).toBe(creates);
  const outputs = await stack.outputs();
  expect(outputs[dataOutput]?.secret, "the data output is secret").toBe(true);
  await expectOutputsMatchCluster(e2e, outputs, expected);
  return outputs;
}

/** The state file holds none of `values`, in any form, and does hold ciphertext. */
export function expectCiphertextOnly(stack: TestStack, values: string[]) {
  const state = stack.rawState();
  expect(findLeaks(state, values), "secret values in the state file").toEqual([]);
  expect(state).toContain(SECRET_SIGNATURE);
  expect(state).toContain('"ciphertext"');
}

/** A second `up` changes nothing, in Pulumi or on the cluster. */
export async function expectNoChangesOnSecondUp(e2e: E2EFile, stack: TestStack, expected: ExpectedSecret[]) {
  const before = await stack.outputs();
  const again = await stack.up({ expectNoChanges: true });
  expect(again.summary.result).toBe("succeeded");
  expect(Object.keys(again.summary.resourceChanges ?? {})).toEqual(["same"]);
  for (const secret of expected) {
    const { name, resourceVersion } = described(before, secret.output);
    const live = await readSecret(e2e.core, e2e.namespace, name);
    expect(live?.metadata?.resourceVersion, `no write to ${name}`).toBe(resourceVersion);
  }
}

/** `destroy` removes every expected Secret; the stack is then removed. */
export async function expectDestroyRemovesSecrets(
  e2e: E2EFile,
  stack: TestStack,
  outputs: OutputMap,
  expected: ExpectedSecret[],
) {
  const destroyed = await stack.destroy();
  expect(destroyed.summary.result).toBe("succeeded");
  for (const secret of expected) {
    const { name } = described(outputs, secret.output);
    expect(await readSecret(e2e.core, e2e.namespace, name), `${name} gone`).toBeUndefined();
  }
  await stack.remove();
}

/**
 * Nothing any operation of this test file printed holds a `planted` value. Plain configuration
 * (`plantedPlain`) is listed, as configured, in each operation's prelude event; nowhere else may it
 * show, since the component made it secret.
 */
export function expectTranscriptClean(planted: string[], plantedPlain: string[]) {
  const transcript = transcriptText();
  expect(transcript).toContain("### destroy");
  expect(findLeaks(transcript, planted)).toEqual([]);
  const preludes = /^\{[^\n]*"preludeEvent"[^\n]*$/gm;
  expect(transcript).toContain('"preludeEvent"');
  expect(findLeaks(transcript.replace(preludes, ""), plantedPlain)).toEqual([]);
}

/**
 * The head of a YAML program's Pulumi.yaml, as lines: project `name`, the kubesecret package
 * from this repository, and the config key `namespace` (a string); resources and more follow.
 */
export function yamlProjectHead(name: string): string[] {
  return [
    `name: ${name}`,
    "runtime: yaml",
    "packages:",
    `  kubesecret: ${REPO_ROOT}`,
    "config:",
    "  namespace:",
    "    type: string",
  ];
}

/**
 * A copy of examples/<example> (`files` of it) in this run's scratch dir, so that what the
 * program makes (sdks/, a virtualenv, go.sum updates) stays out of the checkout.
 */
export function copyExample(example: string, files: string[]): string {
  const workDir = path.join(e2eContext().runDir, "work", example);
  fs.mkdirSync(workDir, { recursive: true });
  for (const file of files) fs.copyFileSync(path.join(REPO_ROOT, "examples", example, file), path.join(workDir, file));
  return workDir;
}

/** `pulumi package add` of this repository in `workDir`, which Pulumi.yaml then records under `packages:`. */
export async function addPackageFromRepo(workDir: string): Promise<void> {
  await runPulumi(["package", "add", REPO_ROOT], workDir);
  expect(fs.readFileSync(path.join(workDir, "Pulumi.yaml"), "utf8")).toMatch(/^packages:\n {2}kubesecret: \S+$/m);
}

/** Removes the stack, then the copy of the example it ran from (even when the removal fails). */
export async function removeStackAndCopy(stack: TestStack | undefined, workDir: string): Promise<void> {
  try {
    await stack?.remove();
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
