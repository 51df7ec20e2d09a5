/**
 * Values from files, end to end: Secrets built by the loaders are deployed by the real CLI and
 * provider and read back from the API server byte for byte, equal to what `kubectl create
 * secret` makes of the same files. A changed file changes the Secret on the next `up`; a bad
 * file fails `up` naming file and line, with no value in any output and nothing registered.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { OutputMap } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InstalledExamples, installExamples } from "../../tools/examples.ts";
import { REPO_ROOT } from "../../tools/repo.ts";
import { makeTlsPair } from "../../tools/tls.ts";
import {
  type TestStack,
  canary,
  createStack,
  decodeData,
  ensureLibraryBuilt,
  findLeaks,
  importLibrary,
  pemBody,
  readSecret,
  useE2E,
} from "./harness";
import { type Outcome, runKubectl } from "./support/kubectl";
import { yamlProjectHead } from "./support/languages";

const e2e = useE2E("sources");
let dir = "";
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-sources-e2e-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** kubectl's data for the same flags, as bytes. */
async function kubectlData(args: string[]): Promise<Record<string, Buffer>> {
  const outcome: Outcome = await runKubectl(args);
  if (!outcome.ok) throw new Error(`kubectl ${args.join(" ")} failed: ${outcome.message}`);
  return decodeData(outcome.data);
}

/** A live Secret's data as bytes, with its type and metadata. */
async function live(name: string) {
  const secret = await readSecret(e2e.core, e2e.namespace, name);
  expect(secret, `Secret ${name}`).toBeDefined();
  return { secret: secret!, data: decodeData(secret!.data) };
}

/** Deploys the program in `programDir` (config: this file's namespace), runs `check` on its outputs, then removes the stack. */
async function upProgramDir(name: string, programDir: string, check: (outputs: OutputMap) => Promise<void>) {
  const stack = await createStack({ name, dir: programDir, config: { namespace: { value: e2e.namespace } } });
  try {
    const result = await stack.up();
    expect(result.summary.result).toBe("succeeded");
    await check(result.outputs);
  } finally {
    await stack.remove();
  }
}

/** The Secret's metadata (labels, annotations) must hold nothing from file names or content. */
function expectCleanMetadata(metadata: object | undefined, fragments: string[]) {
  const text = JSON.stringify({ ...metadata, managedFields: undefined });
  for (const fragment of fragments) expect(text, `metadata mentions ${fragment}`).not.toContain(fragment);
}

describe("examples/files: an Opaque Secret from an env file and a directory", () => {
  // Run as a user runs it: copied out of the repository, importing the packed package.
  let installed: InstalledExamples | undefined;
  beforeAll(async () => {
    installed = await installExamples(["files"]);
  });
  afterAll(() => installed?.remove());

  it("deploys exactly what kubectl makes of the same files, and nothing of them in metadata", async () => {
    const example = installed!.dir("files");
    await upProgramDir("files-example", example, async (outputs) => {
      const name = outputs.name?.value as string;
      expect(name).toMatch(/^app-settings-[0-9a-f]{8}$/);
      const { secret, data } = await live(name);
      expect(secret.metadata?.uid).toBe(outputs.uid?.value);
      const expected = {
        ...(await kubectlData(["generic", "x", `--from-env-file=${path.join(example, "app.env")}`])),
        ...(await kubectlData(["generic", "x", `--from-file=${path.join(example, "config")}`])),
      };
      expect(data).toEqual(expected);
      expect(outputs.keys?.value).toEqual(["FEATURE_FLAGS", "GREETING", "LOG_LEVEL", "pixel.gif", "settings.json"]);
      expectCleanMetadata(secret.metadata, ["app.env", "config", "pixel", "settings.json"]);
    });
  });
});

describe("loader-built Secrets of every kind, through a real up", () => {
  const password = canary("env-password");
  const binaryCanary = Buffer.concat([Buffer.from([0xff, 0x00, 0xfe]), Buffer.from(canary("binary"))]);
  const registryPassword = canary("registry");
  const tls = makeTlsPair("sources.kubesecret.test");
  let stack: TestStack;
  let names: Record<string, string> = {};
  const file = (name: string) => path.join(dir, name);

  beforeAll(() => {
    fs.writeFileSync(
      file("app.env"),
      `\uFEFF# settings\r\nDB_PASSWORD=${password}\r\n  QUOTED="a b" \r\n\r\nEMPTY=\r\n`,
    );
    fs.mkdirSync(file("certs/sub"), { recursive: true });
    fs.writeFileSync(file("certs/all-bytes.bin"), Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    fs.writeFileSync(file("certs/canary.bin"), binaryCanary);
    fs.writeFileSync(file("certs/.dotfile"), "dot\n");
    fs.writeFileSync(file("certs/empty"), "");
    fs.writeFileSync(file("certs/sub/skipped"), "not read");
    fs.symlinkSync("all-bytes.bin", file("certs/link-skipped"));
    fs.writeFileSync(file("tls.crt"), tls.cert);
    fs.writeFileSync(file("tls.key"), tls.key);
    const auth = Buffer.from(`bot:${registryPassword}`).toString("base64");
    fs.writeFileSync(file("config.json"), `{\n\t"auths": {\n\t\t"ghcr.io": {\n\t\t\t"auth": "${auth}"\n\t\t}\n\t}\n}`);
    fs.writeFileSync(
      file("id_ed25519"),
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${password}\n-----END OPENSSH PRIVATE KEY-----\n`,
    );
  });
  afterAll(() => stack?.remove());

  const program = async () => {
    const lib = await importLibrary();
    const namespace = e2e.namespace;
    const opaque = new lib.Secret("files", {
      namespace,
      generateName: "files-",
      ...lib.secretData(lib.fromEnvFile(file("app.env")), lib.fromDirectory(file("certs"))),
    });
    const web = new lib.TlsSecret("files-tls", {
      namespace,
      ...lib.tlsFromFiles({ cert: file("tls.crt"), key: file("tls.key") }),
    });
    const pull = new lib.DockerConfigSecret("files-pull", {
      namespace,
      ...lib.dockerConfigFromFile(file("config.json")),
    });
    const ssh = new lib.SshAuthSecret("files-ssh", {
      namespace,
      ...lib.sshAuthFromFiles({ privateKey: file("id_ed25519") }),
    });
    return { opaque: opaque.name, tls: web.name, pull: pull.name, ssh: ssh.name };
  };

  it("stores every file's exact bytes, as kubectl would, with no value in state or output", async () => {
    stack = await createStack({ name: "files", program });
    const result = await stack.up();
    expect(result.summary.result).toBe("succeeded");
    names = Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value as string]));

    const opaque = await live(names.opaque!);
    expect(opaque.data).toEqual({
      ...(await kubectlData(["generic", "x", `--from-env-file=${file("app.env")}`])),
      ...(await kubectlData(["generic", "x", `--from-file=${file("certs")}`])),
    });
    expect(Object.keys(opaque.data).sort()).toEqual([
      ".dotfile",
      "DB_PASSWORD",
      "EMPTY",
      "QUOTED",
      "all-bytes.bin",
      "canary.bin",
      "empty",
    ]);
    expect(opaque.data["QUOTED"]?.toString()).toBe(`"a b" `);
    expect(opaque.data["canary.bin"]?.equals(binaryCanary)).toBe(true);
    expectCleanMetadata(opaque.secret.metadata, ["app.env", "certs", "all-bytes", password]);

    const tlsLive = await live(names.tls!);
    expect(tlsLive.data).toEqual(
      await kubectlData(["tls", "x", `--cert=${file("tls.crt")}`, `--key=${file("tls.key")}`]),
    );
    const pullLive = await live(names.pull!);
    expect(pullLive.data).toEqual(await kubectlData(["docker-registry", "x", `--from-file=${file("config.json")}`]));
    const sshLive = await live(names.ssh!);
    expect(sshLive.data["ssh-privatekey"]?.equals(fs.readFileSync(file("id_ed25519")))).toBe(true);

    const values = [password, binaryCanary.subarray(3), registryPassword, pemBody(tls.key)];
    expect(findLeaks(stack.rawState(), values), "values in the state file").toEqual([]);
    expect(findLeaks(stack.text(), values), "values in CLI output").toEqual([]);
  });

  it("picks up a changed file on the next up: the Secret is replaced with the new bytes", async () => {
    const rotated = canary("env-password-rotated");
    fs.writeFileSync(file("app.env"), `DB_PASSWORD=${rotated}\nQUOTED="a b" \nEMPTY=\n`);
    const result = await stack.up();
    expect(result.summary.result).toBe("succeeded");
    const opaqueName = result.outputs.opaque?.value as string;
    expect(opaqueName).not.toBe(names.opaque);
    expect(await readSecret(e2e.core, e2e.namespace, names.opaque!)).toBeUndefined();
    expect((await live(opaqueName)).data["DB_PASSWORD"]?.toString()).toBe(rotated);
    expect(result.outputs.tls?.value, "the other Secrets are untouched").toBe(names.tls);
    expect(findLeaks(stack.text(), [rotated]), "the new value in CLI output").toEqual([]);
    names = { ...names, opaque: opaqueName };
  });

  it("fails up on a bad file, naming file and line but no value, and changes nothing", async () => {
    const before = stack.state().checkpoint.latest.resources.map((r: { urn: string }) => r.urn);
    const secret = canary("stray");
    fs.writeFileSync(file("app.env"), `DB_PASSWORD=x\n${secret} on a line of its own\n`);
    await expect(stack.up()).rejects.toThrow();
    const output = stack.text();
    expect(output).toContain(`${file("app.env")} line 2: has no '='`);
    expect(findLeaks(output, [secret]), "the value in CLI output").toEqual([]);
    expect(output, "a RunError prints no JavaScript stack").not.toMatch(/\n\s+at .*sources\/secretData/);
    expect(stack.state().checkpoint.latest.resources.map((r: { urn: string }) => r.urn)).toEqual(before);
    expect((await live(names.opaque!)).data["DB_PASSWORD"]).toBeDefined();
  });
});

describe("YAML: fn::readFile for text, fn::toBase64 of fn::readFile for bytes (what docs/files.md shows)", () => {
  it("stores both files byte for byte", async () => {
    await ensureLibraryBuilt();
    const project = path.join(dir, "yaml");
    fs.mkdirSync(project);
    const example = path.join(REPO_ROOT, "examples", "files", "config");
    for (const name of ["settings.json", "pixel.gif"])
      fs.copyFileSync(path.join(example, name), path.join(project, name));
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      [
        ...yamlProjectHead("kubesecret-yaml-files"),
        "resources:",
        "  fromFiles:",
        "    type: kubesecret:index:Secret",
        "    properties:",
        "      namespace: ${namespace}",
        "      generateName: yaml-files-",
        "      stringData:",
        "        settings.json:",
        "          fn::readFile: ./settings.json",
        "      data:",
        "        pixel.gif:",
        "          fn::toBase64:",
        "            fn::readFile: ./pixel.gif",
        "outputs:",
        "  name: ${fromFiles.name}",
        "",
      ].join("\n"),
    );
    await upProgramDir("yaml-files", project, async (outputs) => {
      const { data } = await live(outputs.name?.value as string);
      expect(data).toEqual(await kubectlData(["generic", "x", `--from-file=${example}`]));
    });
  });
});
