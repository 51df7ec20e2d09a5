/**
 * The loaders against the real kubectl (built by the toolchain from the same Kubernetes release
 * as the API server): for generated env files and directories, `kubectl create secret generic
 * --dry-run=client -o json` must produce the same `data` bytes as the loaders, and reject exactly
 * the inputs they reject; likewise the `docker-registry --from-file` and `tls` forms. Differences
 * docs/files.md lists as deliberate are checked to be exactly those.
 *
 * Seeded: KUBESECRET_SOURCES_SEED=<n> replays a run (each run prints its seed);
 * KUBESECRET_SOURCES_RUNS=<n> sets the number of generated generic cases (default 300).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnvFile } from "../../src/sources/envFile";
import { type LoadedSecretData, type SecretSource, loadSecretData } from "../../src/sources/secretData";
import { dockerConfigFromFile, tlsFromFiles } from "../../src/sources/typed";
import {
  type TreeCase,
  asKubectlReadsIt,
  dockerConfigText,
  envFileBytes,
  environment,
  printable,
  treeCase,
  writeTree,
} from "../unit/sources/cases";
import { valueOf } from "../unit/outputValues";
import { useE2E } from "./harness";
import { type Outcome, type TlsMaterial, kubectlEnv, makeTlsMaterial, runKubectl, tlsVariant } from "./support/kubectl";

const seed = Number(process.env.KUBESECRET_SOURCES_SEED ?? Date.now() % 2 ** 31);
const runs = Number(process.env.KUBESECRET_SOURCES_RUNS ?? 300);
const e2e = useE2E("kubectl-sources");
let root = "";
let caseCounter = 0;

beforeAll(() => {
  process.stderr.write(`[kubectl-sources] seed ${seed} (replay: KUBESECRET_SOURCES_SEED=${seed})\n`);
  root = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-kubectl-"));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A fresh directory for one case. */
function caseDir(): string {
  const dir = path.join(root, `c${++caseCounter}`);
  fs.mkdirSync(dir);
  return dir;
}

/** The loaders' answer in kubectl's terms: data as base64 of the exact bytes, or a rejection. */
function ours(load: () => LoadedSecretData): Outcome {
  try {
    const { stringData, data } = load();
    const encoded = Object.entries(stringData).map(([k, v]) => [k, Buffer.from(v, "utf8").toString("base64")]);
    return { ok: true, data: { ...Object.fromEntries(encoded), ...data } };
  } catch (err) {
    if (!pulumi.RunError.isInstance(err)) throw err;
    return { ok: false, message: (err as Error).message };
  }
}

/** Outcomes compared as kubectl would be judged: same data, or both rejected (messages differ). */
const verdict = (o: Outcome) => (o.ok ? { ok: true, data: o.data } : { ok: false });

/** What the generated cases covered: outcome counts by kind, and data keys compared. */
const tally: Record<string, number> = {};
function count(kind: string, expected: Outcome, note = "") {
  const key = `${kind} ${expected.ok ? "accepted" : "rejected"}${note}`;
  tally[key] = (tally[key] ?? 0) + 1;
  if (expected.ok) tally["keys compared"] = (tally["keys compared"] ?? 0) + Object.keys(expected.data).length;
}

/** Problems that only our deliberate rules raise (see docs/files.md): inputs kubectl accepts. */
const DELIBERATE = /is longer than 65535 bytes|names no set environment variable/;

/**
 * The loaders must behave as kubectl does once our deliberate rules are taken out (`asKubectl`:
 * unset variables read as empty, files cut where kubectl's reader stops), and where they differ
 * (`strict`), only by refusing, for those rules alone.
 */
function expectKubectlSemantics(kubectl: Outcome, strict: Outcome, asKubectl: Outcome, kind: string) {
  expect(verdict(asKubectl)).toEqual(verdict(kubectl));
  if (strict.ok) expect(verdict(strict)).toEqual(verdict(asKubectl));
  else if (asKubectl.ok) {
    const problems = strict.message.split("\n").filter((line) => line.startsWith("  - "));
    expect(problems.filter((line) => !DELIBERATE.test(line))).toEqual([]);
  }
  count(kind, kubectl, !strict.ok && asKubectl.ok ? " (refused on purpose)" : "");
}

async function compareEnvFiles(files: Buffer[], env: Record<string, string>) {
  const dir = caseDir();
  const paths = files.map((bytes, i) => {
    fs.writeFileSync(path.join(dir, `${i}.env`), bytes);
    fs.writeFileSync(path.join(dir, `${i}.kubectl.env`), asKubectlReadsIt(bytes));
    return path.join(dir, `${i}.env`);
  });
  const kubectl = await runKubectl(["generic", "x", ...paths.map((p) => `--from-env-file=${p}`)], env);
  const sources = (suffix: string): SecretSource[] =>
    paths.map((p) => ({ kind: "envFile", path: p.replace(/\.env$/, suffix) }));
  const strict = ours(() => loadSecretData(sources(".env"), (name) => kubectlEnv(env)[name]));
  const asKubectl = ours(() => loadSecretData(sources(".kubectl.env"), (name) => kubectlEnv(env)[name] ?? ""));
  expectKubectlSemantics(kubectl, strict, asKubectl, "env");
}

/** The kubectl flags and our sources for a tree case (pipes are never given as files: kubectl would block). */
function treeSources(dir: string, c: TreeCase): { flags: string[]; sources: SecretSource[] } {
  const flags: string[] = [];
  const sources: SecretSource[] = [];
  if (c.withDirectory || c.picks.length === 0) {
    flags.push(`--from-file=${dir}`);
    sources.push({ kind: "directory", path: dir });
  }
  for (const { index, key } of c.picks) {
    const node = c.nodes[index];
    if (node === undefined || node.kind === "fifo") continue;
    const file = path.join(dir, node.name);
    const isDirectory = fs.existsSync(file) && fs.statSync(file).isDirectory();
    if (isDirectory && key !== null) continue; // kubectl: "cannot give a key name for a directory path"
    flags.push(key === null ? `--from-file=${file}` : `--from-file=${key}=${file}`);
    if (isDirectory) sources.push({ kind: "directory", path: file });
    else sources.push(key === null ? { kind: "file", path: file } : { kind: "file", path: file, key });
  }
  return { flags, sources };
}

async function compareTree(c: TreeCase) {
  const dir = path.join(caseDir(), "d");
  fs.mkdirSync(dir);
  writeTree(dir, c.nodes);
  const { flags, sources } = treeSources(dir, c);
  const kubectl = await runKubectl(["generic", "x", ...flags], {});
  count("tree", kubectl);
  expect(verdict(ours(() => loadSecretData(sources)))).toEqual(verdict(kubectl));
}

describe("secretData against kubectl create secret generic", () => {
  it(`agrees on ${runs} generated env files, directories and their combinations`, async () => {
    const genericCase = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          kind: fc.constant("env" as const),
          files: fc.array(envFileBytes, { minLength: 1, maxLength: 2 }),
          env: environment,
        }),
      },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant("tree" as const), tree: treeCase }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("mixed" as const), file: envFileBytes, tree: treeCase }) },
    );
    await fc.assert(
      fc.asyncProperty(genericCase.map(printable), async (c) => {
        if (c.kind === "env") return compareEnvFiles(c.files, c.env);
        if (c.kind === "tree") return compareTree(c.tree);
        return compareMixed(c.file, c.tree);
      }),
      { seed, numRuns: runs, endOnFailure: true },
    );
    process.stderr.write(`[kubectl-sources] generic cases: ${JSON.stringify(tally)}\n`);
  });
});

/**
 * kubectl refuses `--from-env-file` with `--from-file`; secretData combines them. The expected
 * result is both kubectl runs together, and a key both set is an error (as within each kind).
 */
async function compareMixed(envBytes: Buffer, c: TreeCase) {
  const dir = path.join(caseDir(), "d");
  fs.mkdirSync(dir);
  writeTree(dir, c.nodes);
  const envPath = path.join(path.dirname(dir), "m.env");
  fs.writeFileSync(envPath, envBytes);
  fc.pre(!parseEnvFile(envBytes, () => "").problems.some((p) => p.tooLong));
  const { flags, sources } = treeSources(dir, c);
  const [fromEnv, fromFiles] = [
    await runKubectl(["generic", "x", `--from-env-file=${envPath}`], {}),
    await runKubectl(["generic", "x", ...flags], {}),
  ];
  const clash = fromEnv.ok && fromFiles.ok && Object.keys(fromEnv.data).some((k) => k in fromFiles.data);
  const expected: Outcome =
    fromEnv.ok && fromFiles.ok && !clash
      ? { ok: true, data: { ...fromEnv.data, ...fromFiles.data } }
      : { ok: false, message: "" };
  const all: SecretSource[] = [...sources, { kind: "envFile", path: envPath }];
  const strict = ours(() => loadSecretData(all, (name) => kubectlEnv()[name]));
  const asKubectl = ours(() => loadSecretData(all, (name) => kubectlEnv()[name] ?? ""));
  expectKubectlSemantics(expected, strict, asKubectl, "mixed");
}

describe("dockerConfigFromFile against kubectl create secret docker-registry --from-file", () => {
  it("stores the same bytes; every file it refuses is one the API server refuses or one without credentials", async () => {
    const tally = { same: 0, invalidJson: 0, noCredentials: 0 };
    await fc.assert(
      fc.asyncProperty(dockerConfigText, async (text) => {
        const file = path.join(caseDir(), "config.json");
        fs.writeFileSync(file, text);
        const args = ["docker-registry", "x", `--from-file=${file}`];
        const [client, server] = [
          await runKubectl(args),
          await runKubectl(args, {}, { dryRun: "server", namespace: e2e.namespace }),
        ];
        expect(client.ok, "kubectl checks nothing client-side").toBe(true);
        const mine = await oursTyped(async () => ({
          ".dockerconfigjson": await valueOf(dockerConfigFromFile(file).dockerConfigJson),
        }));
        if (mine.ok) {
          tally.same += 1;
          expect(verdict(mine)).toEqual(verdict(client));
          expect(server.ok).toBe(true);
        } else if (/not valid JSON|not a JSON object/.test(mine.message)) {
          tally.invalidJson += 1;
          expect(server.ok, "the API server refuses it too").toBe(false);
        } else {
          // Deliberate: kubectl and the API server store a config whose credentials are elsewhere.
          tally.noCredentials += 1;
          expect(mine.message).toMatch(/no credentials in "auths"|no "auths" object/);
          expect(server.ok).toBe(true);
        }
      }),
      { seed, numRuns: 40, endOnFailure: true },
    );
    process.stderr.write(`[kubectl-sources] docker configs: ${JSON.stringify(tally)}\n`);
  });
});

describe("tlsFromFiles against kubectl create secret tls", () => {
  let material: TlsMaterial[] = [];
  beforeAll(() => {
    material = makeTlsMaterial();
  });

  it("stores the same bytes and rejects exactly the pairs kubectl rejects", async () => {
    const tally = { accepted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(tlsVariant(material), async ({ cert, key, what }) => {
        const dir = caseDir();
        const [certFile, keyFile] = [path.join(dir, "tls.crt"), path.join(dir, "tls.key")];
        fs.writeFileSync(certFile, cert);
        fs.writeFileSync(keyFile, key);
        const kubectl = await runKubectl(["tls", "x", `--cert=${certFile}`, `--key=${keyFile}`]);
        const mine = await oursTyped(async () => {
          const loaded = tlsFromFiles({ cert: certFile, key: keyFile });
          return { "tls.crt": await valueOf(loaded.cert), "tls.key": await valueOf(loaded.key) };
        });
        tally[mine.ok ? "accepted" : "rejected"] += 1;
        expect(verdict(mine), what).toEqual(verdict(kubectl));
      }),
      { seed, numRuns: 80, endOnFailure: true },
    );
    process.stderr.write(`[kubectl-sources] tls pairs: ${JSON.stringify(tally)}\n`);
  });
});

describe("where kubectl differs on purpose (see docs/files.md)", () => {
  it("refuses more than 1 MiB before the API server would; kubectl's client side does not check", async () => {
    const dir = caseDir();
    fs.writeFileSync(path.join(dir, "big"), Buffer.alloc(1024 * 1024 + 1, 0x61));
    const args = ["generic", "x", `--from-file=${path.join(dir, "big")}`];
    expect((await runKubectl(args)).ok).toBe(true);
    expect((await runKubectl(args, {}, { dryRun: "server", namespace: e2e.namespace })).ok).toBe(false);
    expect(ours(() => loadSecretData([{ kind: "file", path: path.join(dir, "big") }])).ok).toBe(false);
  });

  it("never echoes a line: kubectl prints an invalid UTF-8 line's bytes and an invalid key in full", async () => {
    const canary = "canary-kubectl-3d9f";
    const file = path.join(caseDir(), "x.env");
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`A=${canary}`), Buffer.from([0xff]), Buffer.from(`\n`)]));
    const kubectl = await runKubectl(["generic", "x", `--from-env-file=${file}`]);
    expect(kubectl.ok).toBe(false);
    const asGoPrintsBytes = [...Buffer.from(canary)].join(" ");
    expect(kubectl.ok ? "" : kubectl.message).toContain(asGoPrintsBytes);
    const mine = ours(() => loadSecretData([{ kind: "envFile", path: file }]));
    expect(mine.ok ? "" : mine.message).not.toContain(asGoPrintsBytes);
    expect(mine.ok ? "" : mine.message).not.toContain(canary);

    fs.writeFileSync(file, `${canary} stray value\n`);
    const stray = await runKubectl(["generic", "x", `--from-env-file=${file}`]);
    expect(stray.ok ? "" : stray.message).toContain(canary);
    const mineStray = ours(() => loadSecretData([{ kind: "envFile", path: file }]));
    expect(mineStray.ok ? "x" : mineStray.message).toMatch(/line 1: has no '=' and is not a valid key name/);
    expect(mineStray.ok ? canary : mineStray.message).not.toContain(canary);
  });
});

/** A typed loader's answer in kubectl's terms. */
async function oursTyped(load: () => Promise<Record<string, string>>): Promise<Outcome> {
  try {
    const values = await load();
    return {
      ok: true,
      data: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v, "utf8").toString("base64")])),
    };
  } catch (err) {
    if (!pulumi.RunError.isInstance(err)) throw err;
    return { ok: false, message: (err as Error).message };
  }
}
