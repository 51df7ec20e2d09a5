/**
 * An `up` of write-only Secrets whose pulumi CLI gets SIGINT (Ctrl-C) or SIGKILL (`kill -9`) as
 * soon as the first object was written, and the `up` after it. The program is a directory run by
 * the real Node.js language host (not inline), so that killing the CLI leaves the test process
 * alone, as it would leave a user's shell.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { REPO_ROOT } from "../../../tools/repo.ts";
import { decodeData } from "../../../tools/kube.ts";
import { type E2EFile, createStack, e2eContext } from "../harness";
import { pendingOperations, sleep } from "./faults";
import { descendantsOf, ownedSecrets, pulumiCliPid, stateUids, uidsOf, writeOnlyInState } from "./writeOnly";

const writeOnlyUrns = (stack: Parameters<typeof writeOnlyInState>[0]) => writeOnlyInState(stack).map((r) => r.urn);

const COUNT = 6;
const log = (message: string) => console.log(`[wo-interrupt] ${message}`);

/** Half with fixed names, half with generated ones (an interrupted create must not leave a twin). */
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const kubesecret = require("kubesecret");
const config = new pulumi.Config();
const namespace = config.require("namespace");
const prefix = config.require("prefix");
for (let i = 0; i < ${COUNT}; i++) {
  new kubesecret.Secret(prefix + "-" + i, {
    namespace,
    writeOnly: true,
    labels: { "kubesecret.test/interrupt": prefix },
    ...(i % 2 === 0 ? { name: prefix + "-" + i } : {}),
    stringData: { value: "value-" + i },
  });
}
`;

function programDir(prefix: string): string {
  const dir = path.join(e2eContext().runDir, "work", `program-${prefix}`);
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: wo-interrupt\nruntime: nodejs\n`);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "wo-interrupt", main: "index.js" }));
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
  fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "kubesecret"));
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi"), path.join(dir, "node_modules", "@pulumi"));
  return dir;
}

export async function interruptedUpScenario(e2e: E2EFile, signal: "SIGINT" | "SIGKILL"): Promise<void> {
  const namespace = e2e.namespace;
  const prefix = `int-${signal.toLowerCase()}`;
  const dir = programDir(prefix);
  const stack = await createStack({
    name: prefix,
    dir,
    config: { namespace: { value: namespace }, prefix: { value: prefix } },
  });
  const ours = async () =>
    (await ownedSecrets(e2e.core, namespace)).filter(
      (s) => s.metadata?.labels?.["kubesecret.test/interrupt"] === prefix,
    );

  const up = stack.up().then(
    () => "succeeded",
    (err: unknown) => String(err),
  );
  let pid: number | undefined;
  while ((await ours()).length === 0) {
    pid ??= pulumiCliPid(stack.name);
    await sleep(20);
  }
  pid ??= pulumiCliPid(stack.name);
  expect(pid, "the pulumi CLI of the up").toBeDefined();
  const children = descendantsOf(pid!);
  process.kill(pid!, signal);
  const outcome = await up;
  log(`${signal}: the up ended with: ${outcome.split("\n").slice(-3).join(" | ")}`);
  expect(outcome).not.toBe("succeeded");
  // What the killed CLI started goes on briefly (a hook in flight may still write); then it is ended.
  await sleep(3000);
  for (const child of children) {
    try {
      process.kill(child, "SIGKILL");
    } catch {
      // Already gone.
    }
  }

  // kill -9 leaves the file backend's lock behind; the CLI's own advice is `pulumi cancel`.
  if (signal === "SIGKILL") await stack.stack.cancel();
  const liveAfterKill = uidsOf(await ours());
  const stateAfterKill = stateUids(stack);
  const pending = pendingOperations(stack);
  const unrecorded = Object.keys(liveAfterKill).filter((id) => !(id in stateAfterKill));
  log(
    `${signal}: ${Object.keys(liveAfterKill).length} written, ${Object.keys(stateAfterKill).length} in the state, ` +
      `${unrecorded.length} written but not recorded, pending operations: ${JSON.stringify(pending.map((p) => p.type))}`,
  );
  // SIGKILL at the first write leaves creates the state never recorded (the dynamic provider's
  // read-back comes later): what the next up must take over. (SIGINT lets in-flight steps finish,
  // so whether any is left unrecorded depends on timing.)
  if (signal === "SIGKILL") expect(unrecorded.length, "written but not recorded").toBeGreaterThan(0);
  // The state records nothing that did not happen: each Secret it holds is the live object.
  for (const [id, uid] of Object.entries(stateAfterKill)) expect(liveAfterKill[id], id).toBe(uid);

  const next = await stack.up();
  expect(next.summary.result).toBe("succeeded");
  log(`${signal}: the next up: ${JSON.stringify(next.summary.resourceChanges)}`);
  for (const line of next.stdout.split("\n").filter((l) => /pending|interrupted/i.test(l))) log(`  ${line.trim()}`);
  const live = await ours();
  expect(live).toHaveLength(COUNT);
  const liveUids = uidsOf(live);
  expect(stateUids(stack)).toEqual(liveUids);
  // Whatever the interrupted up wrote was taken over (same object), not duplicated or replaced.
  for (const [id, uid] of Object.entries(liveAfterKill)) expect(liveUids[id], id).toBe(uid);
  const values = live.map((s) => decodeData(s.data)["value"]?.toString()).sort();
  expect(values).toEqual([...Array(COUNT).keys()].map((i) => `value-${i}`));
  // A kill -9 leaves the engine's "creating" markers, which an up does not clear (Pulumi's
  // behaviour for any resource): `pulumi refresh --clear-pending-creates` drops them and finds
  // nothing else to change.
  const stale = pendingOperations(stack).map((p) => p.resource.urn);
  log(`${signal}: pending operations after the next up: ${stale.length}`);
  if (signal === "SIGINT") expect(stale).toEqual([]);
  for (const urn of stale) expect(writeOnlyUrns(stack)).toContain(urn);
  const refresh = await stack.refresh({ clearPendingCreates: true });
  expect(refresh.summary.resourceChanges).not.toHaveProperty("update");
  expect(pendingOperations(stack)).toEqual([]);
  expect(stateUids(stack)).toEqual(liveUids);
  await stack.destroy();
  expect(await ours()).toEqual([]);
  await stack.remove();
  fs.rmSync(dir, { recursive: true, force: true });
}
