/**
 * Every loader, given a value where a path belongs (a password, a file's contents, a PEM key, a
 * Buffer…), throws an error holding nothing of it, and names the argument instead; given a path
 * that exists, it still names the path.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as kubesecret from "../../../src";
import { describeSourceProblems } from "../../../src/sources/problems";
import { makeTlsPair } from "../../../tools/tls.ts";
import { CANARIES, type Canary, absentWhenOptional, everythingIn, expectNothingOf, nestedCanary } from "./leaks";
import { thrownBy } from "./errors";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-canaries-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(name: string, content: string): string {
  fs.writeFileSync(path.join(root, name), content);
  return path.join(root, name);
}

const pair = makeTlsPair();
const certFile = write("tls.crt", pair.cert);
const keyFile = write("tls.key", pair.key);
const sshKeyFile = write("id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----\n");
const plainFile = write("plain.txt", "x");

// The library's types forbid these calls; a JavaScript program or an `as any` makes them anyway.
type Loose = (given: unknown) => unknown;
const any = <T>(value: unknown) => value as T;

interface Loader {
  readonly name: string;
  readonly load: Loose;
  /** How the message names the argument when it does not print the path. */
  readonly argument: RegExp;
  /** Whether undefined means "not given" (and is accepted). */
  readonly optional?: boolean;
}

const LOADERS: readonly Loader[] = [
  {
    name: "fromFile",
    load: (v) => kubesecret.secretData(kubesecret.fromFile(any(v))),
    argument: /- (path|argument 1 \(fromFile\)): /,
  },
  {
    name: "fromEnvFile",
    load: (v) => kubesecret.secretData(kubesecret.fromEnvFile(any(v))),
    argument: /- (path|argument 1 \(fromEnvFile\)): /,
  },
  {
    name: "fromDirectory",
    load: (v) => kubesecret.secretData(kubesecret.fromDirectory(any(v))),
    argument: /- (path|argument 1 \(fromDirectory\)): /,
  },
  {
    name: "fromFile's options.key",
    load: (v) => kubesecret.secretData(kubesecret.fromFile(plainFile, { key: any(v) })),
    argument: /options\.key/,
    optional: true,
  },
  {
    name: "a source built by hand",
    load: (v) => kubesecret.secretData({ kind: "file", path: any(v) }),
    argument: /- argument 1 \(fromFile\): /,
  },
  { name: "secretData's argument", load: (v) => kubesecret.secretData(any(v)), argument: /- argument 1: / },
  { name: "dockerConfigFromFile", load: (v) => kubesecret.dockerConfigFromFile(any(v)), argument: /- path: / },
  {
    name: "tlsFromFiles cert",
    load: (v) => kubesecret.tlsFromFiles({ cert: any(v), key: keyFile }),
    argument: /- cert( \(key "tls.crt"\))?: /,
  },
  {
    name: "tlsFromFiles key",
    load: (v) => kubesecret.tlsFromFiles({ cert: certFile, key: any(v) }),
    argument: /- key( \(key "tls.key"\))?: /,
  },
  {
    name: "tlsFromFiles caCert",
    load: (v) => kubesecret.tlsFromFiles({ cert: certFile, key: keyFile, caCert: any(v) }),
    argument: /- caCert( \(key "ca.crt"\))?: /,
    optional: true,
  },
  {
    name: "tlsFromFiles's files",
    load: (v) => kubesecret.tlsFromFiles(any(v)),
    argument: /- (files|cert( \(key "tls.crt"\))?): /,
  },
  {
    name: "sshAuthFromFiles privateKey",
    load: (v) => kubesecret.sshAuthFromFiles({ privateKey: any(v) }),
    argument: /- privateKey: /,
  },
  {
    name: "sshAuthFromFiles knownHosts",
    load: (v) => kubesecret.sshAuthFromFiles({ privateKey: sshKeyFile, knownHosts: any(v) }),
    argument: /- knownHosts: /,
    optional: true,
  },
  {
    name: "sshAuthFromFiles's files",
    load: (v) => kubesecret.sshAuthFromFiles(any(v)),
    argument: /- (files|privateKey): /,
  },
];

const canaries: Canary[] = [...CANARIES, nestedCanary(root), nestedCanary(".")];

describe.each(LOADERS)("$name", ({ load, argument, optional }) => {
  it.each(canaries.filter((c) => !optional || absentWhenOptional(c)))(
    "fails when given $name, naming the argument and printing nothing of the value",
    ({ value, secrets }) => {
      const err = thrownBy(() => load(value));
      expectNothingOf(secrets, everythingIn(err));
      expect(err.message).toMatch(argument);
    },
  );
});

describe("what an error says instead of the value", () => {
  const key = pair.key;
  const lines = key.trimEnd().split("\n").length;

  it.each([
    [
      "a PEM key given as cert",
      () => kubesecret.tlsFromFiles({ cert: key, key: keyFile }),
      `  - cert (key "tls.crt"): nothing exists at the given path (a string of ${key.length.toLocaleString("en-US")} characters, ${lines} lines; it looks like PEM content, not a path: tlsFromFiles takes file paths, not their contents)`,
    ],
    [
      "a Buffer given as privateKey",
      () => kubesecret.sshAuthFromFiles({ privateKey: any(Buffer.from(key)) }),
      `  - privateKey: must be a non-empty path string (a Buffer of ${Buffer.byteLength(key).toLocaleString("en-US")} bytes; it looks like PEM content: sshAuthFromFiles takes a file path as a string)`,
    ],
    [
      "a password given to fromFile",
      () => kubesecret.secretData(kubesecret.fromFile("hunter2!")),
      `  - argument 1 (fromFile): nothing exists at the given path (a string of 8 characters, 1 line; relative paths resolve against the working directory ${process.cwd()})`,
    ],
    [
      "JSON given to dockerConfigFromFile",
      () => kubesecret.dockerConfigFromFile('{"auths": {}}'),
      "  - path: nothing exists at the given path (a string of 13 characters, 1 line; it looks like JSON content, not a path: dockerConfigFromFile takes file paths, not their contents)",
    ],
    [
      "a path read from a file with its line break",
      () => kubesecret.secretData(kubesecret.fromEnvFile(".env\n")),
      "  - argument 1 (fromEnvFile): nothing exists at the given path (a string of 5 characters, 1 line; it ends with a line break, which a path rarely has)",
    ],
    ["a number", () => kubesecret.fromDirectory(any(1234)), "  - path: must be a non-empty path string (a number)"],
    [
      "a number as options.key",
      () => kubesecret.fromFile(plainFile, { key: any(1234) }),
      "  - options.key: must be a string, not a number",
    ],
  ])("fails when given %s, describing it", (_what, load, line) => {
    expect(thrownBy(load).message.split("\n")).toContain(line);
  });

  it("fails when a system error hides whether the path exists, naming the argument and the error code only", () => {
    // Root reads anything, so EACCES is rendered directly here (system errors: systemErrors.test.ts).
    const message = describeSourceProblems("kubesecret.tlsFromFiles", [
      { argument: "key", given: "/root/canary-s3cret/tls.key", rule: "cannot be read: permission denied (EACCES)" },
    ]);
    expect(message).toContain(
      "  - key: cannot be read: permission denied (EACCES) (a string of 27 characters, 1 line;",
    );
    expect(message).not.toContain("canary-s3cret");
  });
});

describe("a path that exists is still named", () => {
  const dir = fs.mkdtempSync(path.join(root, "existing-"));
  const file = (name: string, content: string) => (
    fs.writeFileSync(path.join(dir, name), content),
    path.join(dir, name)
  );
  const notJson = file("config.json", "{");
  const notPem = file("not.pem", "hello\n");
  const empty = file("empty", "");
  const dangling = path.join(dir, "dangling");
  fs.symlinkSync(path.join(dir, "gone"), dangling);
  const withNewline = path.join(dir, "odd\nname");
  fs.mkdirSync(withNewline);

  it.each([
    [
      "fromFile given a directory",
      () => kubesecret.secretData(kubesecret.fromFile(dir)),
      `${dir}: is a directory: use fromDirectory()`,
    ],
    [
      "fromEnvFile given a directory",
      () => kubesecret.secretData(kubesecret.fromEnvFile(dir)),
      `${dir}: is not a regular file`,
    ],
    [
      "fromDirectory given a file",
      () => kubesecret.secretData(kubesecret.fromDirectory(notPem)),
      `${notPem}: is not a directory: use fromFile()`,
    ],
    [
      "fromFile given a dangling symbolic link",
      () => kubesecret.secretData(kubesecret.fromFile(dangling)),
      `${dangling}: does not exist`,
    ],
    [
      "fromFile with an invalid options.key",
      () => kubesecret.secretData(kubesecret.fromFile(notPem, { key: "a b" })),
      `${notPem}: options.key is not a valid data key`,
    ],
    [
      "dockerConfigFromFile given a file that is not JSON",
      () => kubesecret.dockerConfigFromFile(notJson),
      `${notJson} (key ".dockerconfigjson"): is not valid JSON`,
    ],
    [
      "tlsFromFiles given a cert that is not PEM",
      () => kubesecret.tlsFromFiles({ cert: notPem, key: keyFile }),
      `${notPem} (key "tls.crt"): must be a PEM-encoded X.509 certificate`,
    ],
    [
      "tlsFromFiles given a caCert that is not PEM",
      () => kubesecret.tlsFromFiles({ cert: certFile, key: keyFile, caCert: notPem }),
      `${notPem} (key "ca.crt"): must be a PEM-encoded X.509 certificate`,
    ],
    [
      "sshAuthFromFiles given an empty key",
      () => kubesecret.sshAuthFromFiles({ privateKey: empty }),
      `${empty} (key "ssh-privatekey"): is empty`,
    ],
    [
      "sshAuthFromFiles given a directory as knownHosts",
      () => kubesecret.sshAuthFromFiles({ privateKey: sshKeyFile, knownHosts: dir }),
      `${dir}: is not a regular file`,
    ],
    [
      "a path with a line break",
      () => kubesecret.secretData(kubesecret.fromFile(withNewline)),
      `${JSON.stringify(withNewline)}: is a directory`,
    ],
  ])("fails when %s, naming the path", (_what, load, expected) => {
    expect(thrownBy(load).message).toContain(`  - ${expected}`);
  });

  it("fails when files exceed 1 MiB together, naming the largest", () => {
    const big = file("big", "x".repeat(1024 * 1024));
    const message = thrownBy(() =>
      kubesecret.secretData(kubesecret.fromFile(big), kubesecret.fromFile(notPem)),
    ).message;
    expect(message).toContain(`  - all sources: hold ${1024 * 1024 + 6} bytes together`);
    expect(message).toContain(`the largest is ${big} (${1024 * 1024} bytes)`);
  });
});
