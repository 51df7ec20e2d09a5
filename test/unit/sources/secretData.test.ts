import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import * as kubesecret from "../../../src";
import { loadSecretData } from "../../../src/sources/secretData";
import { CANARY } from "../fixtures";
import { registrations, resetRegistrations, unwrapWire } from "../mocks";
import { errorOf } from "./errors";
import { isSecret, uniqueName, valueOf } from "../outputValues";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-sources-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
beforeEach(resetRegistrations);

/** A fresh directory holding `files` (name → content). */
function tree(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(root, "t-"));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const binary = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x41, 0xc3]);

describe("secretData", () => {
  it("puts UTF-8 content in stringData and other bytes in data as exact base64, every value a secret", async () => {
    const dir = tree({ ".env": "A=1\nB=two words\n", "cert.pem": "-----BEGIN-----\n", "logo.bin": binary });
    const values = kubesecret.secretData(
      kubesecret.fromEnvFile(path.join(dir, ".env")),
      kubesecret.fromFile(path.join(dir, "cert.pem")),
      kubesecret.fromFile(path.join(dir, "logo.bin"), { key: "logo" }),
    );
    expect(Object.keys(values.stringData)).toEqual(["A", "B", "cert.pem"]);
    expect(Object.keys(values.data)).toEqual(["logo"]);
    for (const output of [...Object.values(values.stringData), ...Object.values(values.data)]) {
      expect(await isSecret(output)).toBe(true);
    }
    expect(await valueOf(values.stringData["B"]!)).toBe("two words");
    expect(await valueOf(values.stringData["cert.pem"]!)).toBe("-----BEGIN-----\n");
    expect(Buffer.from(await valueOf(values.data["logo"]!), "base64").equals(binary)).toBe(true);
  });

  it("returns any file's exact bytes, split between stringData and data by UTF-8 validity", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.string({ unit: "grapheme", maxLength: 20 }), (bytes, text) => {
        const dir = tree({ raw: Buffer.from(bytes), text });
        const loaded = loadSecretData([kubesecret.fromDirectory(dir)]);
        const decoded = (key: string) =>
          key in loaded.stringData
            ? Buffer.from(loaded.stringData[key]!, "utf8")
            : Buffer.from(loaded.data[key]!, "base64");
        expect(decoded("raw").equals(Buffer.from(bytes))).toBe(true);
        expect(decoded("text").equals(Buffer.from(text, "utf8"))).toBe(true);
        expect("raw" in loaded.data).toBe(!Buffer.from(bytes).equals(Buffer.from(Buffer.from(bytes).toString())));
      }),
      { numRuns: 50 },
    );
  });

  it("reads a directory as kubectl does: regular files and dotfiles, not subdirectories or symbolic links", () => {
    const dir = tree({ "a.txt": "a", ".hidden": "h", "sub/inner": "i", empty: "" });
    fs.symlinkSync(path.join(dir, "a.txt"), path.join(dir, "link"));
    fs.symlinkSync(path.join(dir, "missing"), path.join(dir, "dangling"));
    fs.symlinkSync(path.join(dir, "sub"), path.join(dir, "sublink"));
    expect(loadSecretData([kubesecret.fromDirectory(dir)])).toEqual({
      stringData: { ".hidden": "h", "a.txt": "a", empty: "" },
      data: {},
    });
  });

  it("follows a symbolic link given as a file or a directory", () => {
    const dir = tree({ "real/x": "1", file: "2" });
    fs.symlinkSync(path.join(dir, "real"), path.join(dir, "dirlink"));
    fs.symlinkSync(path.join(dir, "file"), path.join(dir, "filelink"));
    const loaded = loadSecretData([
      kubesecret.fromDirectory(path.join(dir, "dirlink")),
      kubesecret.fromFile(path.join(dir, "filelink")),
    ]);
    expect(loaded.stringData).toEqual({ x: "1", filelink: "2" });
  });

  it("reads a file again on every call: a changed file is a changed value", () => {
    const dir = tree({ token: "one" });
    expect(loadSecretData([kubesecret.fromFile(path.join(dir, "token"))]).stringData).toEqual({ token: "one" });
    fs.writeFileSync(path.join(dir, "token"), "two");
    expect(loadSecretData([kubesecret.fromFile(path.join(dir, "token"))]).stringData).toEqual({ token: "two" });
  });

  it("fails when a key is set twice, naming both places", () => {
    const dir = tree({ ".env": "# c\nkey=1\n", key: "2", "d/key": "3" });
    const message = errorOf(() =>
      kubesecret.secretData(
        kubesecret.fromEnvFile(path.join(dir, ".env")),
        kubesecret.fromFile(path.join(dir, "key")),
        kubesecret.fromDirectory(path.join(dir, "d")),
      ),
    );
    expect(message).toContain(
      `${path.join(dir, "key")} (key "key"): is already set by ${path.join(dir, ".env")} line 2`,
    );
    expect(message).toContain(`${path.join(dir, "d", "key")} (key "key"): is already set by`);
  });

  it.each([
    ["a file name that is not a data key", { "a b": "x" }, "a b", "the file name is not a valid data key"],
    ["a dotdot file name", { "..x": "x" }, "..x", "must not be '.' or '..'"],
  ])("fails when a directory holds %s (kubectl refuses the whole directory)", (_what, files, name, rule) => {
    const dir = tree({ ...files, ok: "fine" });
    const message = errorOf(() => loadSecretData([kubesecret.fromDirectory(dir)]));
    expect(message).toContain(`${path.join(dir, name)}: the file name is not a valid data key`);
    expect(message).toContain(rule);
  });

  it("fails when an explicit key or a base name is not a data key", () => {
    const dir = tree({ "café.txt": "x" });
    const file = path.join(dir, "café.txt");
    expect(errorOf(() => loadSecretData([kubesecret.fromFile(file)]))).toContain(
      "the file name is not a valid data key",
    );
    // Never quoted: a key given by mistake may be a value.
    const message = errorOf(() => loadSecretData([kubesecret.fromFile(file, { key: "a/b" })]));
    expect(message).toContain(`${file}: options.key is not a valid data key`);
    expect(message).not.toContain("a/b");
  });

  it.each([
    ["a directory given as a file", (dir: string) => kubesecret.fromFile(dir), "is a directory: use fromDirectory()"],
    [
      "a file given as a directory",
      (dir: string) => kubesecret.fromDirectory(path.join(dir, "f")),
      "is not a directory",
    ],
    ["a directory given as an env file", (dir: string) => kubesecret.fromEnvFile(dir), "is not a regular file"],
  ])("fails for %s, naming the path", (_what, source, rule) => {
    const dir = tree({ f: "x" });
    expect(errorOf(() => loadSecretData([source(dir)]))).toContain(`  - ${source(dir).path}: ${rule}`);
  });

  it.each([
    ["a missing file", (dir: string) => kubesecret.fromFile(path.join(dir, "nope")), "argument 1 (fromFile)"],
    ["a missing env file", (dir: string) => kubesecret.fromEnvFile(path.join(dir, "nope")), "argument 1 (fromEnvFile)"],
  ])("fails for %s, naming the argument: a path that names nothing may be a value", (_what, source, argument) => {
    const dir = tree({ f: "x" });
    const message = errorOf(() => loadSecretData([source(dir)]));
    expect(message).toContain(`  - ${argument}: nothing exists at the given path (a string of `);
    expect(message).not.toContain("nope");
  });

  it("fails for a named pipe given as a file or env file, without blocking on it (kubectl would read it)", () => {
    const dir = tree();
    execFileSync("mkfifo", [path.join(dir, "pipe")]);
    for (const source of [
      kubesecret.fromFile(path.join(dir, "pipe")),
      kubesecret.fromEnvFile(path.join(dir, "pipe")),
    ]) {
      expect(errorOf(() => loadSecretData([source]))).toContain(`${path.join(dir, "pipe")}: is not a regular file`);
    }
  });

  it("fails when a path is not a non-empty string", () => {
    expect(errorOf(() => kubesecret.fromFile(""))).toContain(
      "  - path: must be a non-empty path string (an empty string)",
    );
    expect(errorOf(() => kubesecret.fromEnvFile(undefined as unknown as string))).toContain(
      "  - path: must be a non-empty path string (undefined)",
    );
  });

  it("fails from file sizes alone when files exceed 1 MiB, without reading them", () => {
    const dir = tree();
    // A sparse 64 GiB file: reading it would take minutes and exhaust memory.
    fs.writeFileSync(path.join(dir, "huge"), "");
    fs.truncateSync(path.join(dir, "huge"), 64 * 1024 ** 3);
    const started = Date.now();
    expect(errorOf(() => loadSecretData([kubesecret.fromDirectory(dir)]))).toContain(
      `hold ${64 * 1024 ** 3} bytes together: all values of a Secret must be at most 1048576 bytes`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("fails when files and env values together exceed 1 MiB, counting exactly", () => {
    // 16 values of 32 KiB (env file lines stay under kubectl's 64 KiB) and a 512 KiB file: 1 MiB.
    const env = Array.from({ length: 16 }, (_, i) => `K${i}=${"y".repeat(32 * 1024)}\n`).join("");
    const dir = tree({ half: "x".repeat(512 * 1024), ".env": env });
    const sources = [kubesecret.fromFile(path.join(dir, "half")), kubesecret.fromEnvFile(path.join(dir, ".env"))];
    expect(Object.keys(loadSecretData(sources).stringData)).toHaveLength(17);
    fs.appendFileSync(path.join(dir, ".env"), "B=z\n");
    expect(errorOf(() => loadSecretData(sources))).toContain(`${path.join(dir, ".env")}: is too large`);
  });

  it("stops reading an env file of comments that is far larger than 1 MiB only at its values", () => {
    const dir = tree({ ".env": `${"# comment\n".repeat(200_000)}A=1\n` });
    expect(loadSecretData([kubesecret.fromEnvFile(path.join(dir, ".env"))]).stringData).toEqual({ A: "1" });
  });

  it("never puts a value into an error, whatever is wrong with the env file", () => {
    const lines = [
      `${CANARY}`, // a stray value on its own line: not a valid key
      `KEY ${CANARY}=x`, // a space in the key
      `1${CANARY}=x`, // a key starting with a digit
      `A=${CANARY}\xff`, // invalid UTF-8 (written as latin1)
      `DUP=${CANARY}`,
      `DUP=${CANARY}2`,
      `LONG=${CANARY}${"x".repeat(70_000)}`,
    ];
    const dir = tree({ ".env": Buffer.from(lines.join("\n"), "latin1") });
    const message = errorOf(() => kubesecret.secretData(kubesecret.fromEnvFile(path.join(dir, ".env"))));
    expect(message).not.toContain(CANARY);
    expect(message).not.toContain(CANARY.slice(0, 10));
    for (const line of [1, 2, 3, 4, 6, 7]) expect(message).toContain(`.env line ${line}`);
    expect(message).toContain(`(key "DUP"): is already set by`);
  });

  it("feeds a Secret: the child gets the exact bytes and nothing of a file name lands in metadata", async () => {
    const dir = tree({ ".env": `PASSWORD=${CANARY}\n`, "files/blob.bin": binary });
    const name = uniqueName("from-files");
    const secret = new kubesecret.Secret(name, {
      ...kubesecret.secretData(
        kubesecret.fromEnvFile(path.join(dir, ".env")),
        kubesecret.fromDirectory(path.join(dir, "files")),
      ),
    });
    await valueOf(secret.uid);
    expect(await valueOf(secret.keys)).toEqual(["PASSWORD", "blob.bin"]);
    const child = registrations.find((r) => r.type === "kubernetes:core/v1:Secret")!;
    expect(unwrapWire(child.inputs["data"])).toEqual({
      PASSWORD: Buffer.from(CANARY).toString("base64"),
      "blob.bin": binary.toString("base64"),
    });
    expect(JSON.stringify(child.inputs["metadata"] ?? {})).not.toMatch(/blob|\.env|PASSWORD|canary/);
    expect(child.name).toBe(name);
  });

  it("registers nothing when a source is bad", () => {
    const dir = tree({ ".env": "1BAD=x\n" });
    expect(
      () =>
        new kubesecret.Secret(uniqueName("bad"), {
          ...kubesecret.secretData(kubesecret.fromEnvFile(path.join(dir, ".env"))),
        }),
    ).toThrow(/line 1/);
    expect(registrations).toEqual([]);
  });
});
