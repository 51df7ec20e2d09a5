import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { dockerConfigRule } from "../../../src/validation/dockerConfig";
import { dockerConfigFromFile, sshAuthFromFiles, tlsFromFiles } from "../../../src/sources/typed";
/** A value that must never appear in a message. */
const CANARY = "canary-typed-4c8d1e07";
import { errorOf } from "./errors";
import { isSecret, valueOf } from "../outputValues";
import { makeTlsPair } from "../../../tools/tls.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-typed-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let counter = 0;

/** Writes `content` to a new file and returns its path. */
function file(content: string | Buffer, name = "f"): string {
  const dir = path.join(root, String(++counter));
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
}

const auth = Buffer.from(`bot:${CANARY}`).toString("base64");

describe("dockerConfigFromFile", () => {
  it("returns the file as it is, byte for byte, as a secret", async () => {
    const text = `{\n\t"auths": {"ghcr.io": {"auth": "${auth}"}},\n  "HttpHeaders": {"User-Agent": "x"}\n}\n`;
    const { dockerConfigJson } = dockerConfigFromFile(file(text, "config.json"));
    expect(await isSecret(dockerConfigJson)).toBe(true);
    expect(await valueOf(dockerConfigJson)).toBe(text);
  });

  it.each([
    ["invalid JSON", `{"auths": {"r": {"auth": "${CANARY}"}}`, "is not valid JSON"],
    ["a JSON array", `["${CANARY}"]`, "is not a JSON object"],
    ["no auths", `{"credsStore": "desktop"}`, 'has no "auths" object; it names a credential store'],
    ["only empty auths (credsStore)", `{"auths": {"ghcr.io": {}}, "credsStore": "${CANARY}"}`, "credential store"],
    ["only empty auths (credHelpers)", `{"auths": {"r": {}}, "credHelpers": {"r": "x"}}`, 'no credentials in "auths"'],
    ["a username without password", `{"auths": {"r": {"username": "${CANARY}"}}}`, 'no credentials in "auths"'],
  ])("fails for %s, without quoting the file", (_what, text, rule) => {
    const path_ = file(text, "config.json");
    const message = errorOf(() => dockerConfigFromFile(path_));
    expect(message).toContain(`${path_} (key ".dockerconfigjson"): `);
    expect(message).toContain(rule);
    expect(message).not.toContain(CANARY);
  });

  it("accepts a config with at least one entry with credentials, whatever else it has", () => {
    const entry = fc.constantFrom({ auth: "dTpw" }, { username: "u", password: "" }, { username: "u", password: "p" });
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.constantFrom({}, { email: "e" })),
        fc.string({ minLength: 1 }),
        entry,
        (others, server, usable) => {
          const config = { credsStore: "desktop", auths: { ...others, [server]: usable } };
          expect(dockerConfigRule(JSON.stringify(config))).toBeUndefined();
        },
      ),
    );
  });

  it("fails when the file is not UTF-8 text", () => {
    expect(errorOf(() => dockerConfigFromFile(file(Buffer.from([0x7b, 0xff, 0x7d]))))).toContain("is not UTF-8 text");
  });
});

describe("tlsFromFiles", () => {
  const pair = makeTlsPair();
  const other = makeTlsPair("other.test");

  it("returns cert, key and caCert as secrets, unchanged", async () => {
    const loaded = tlsFromFiles({ cert: file(pair.cert), key: file(pair.key), caCert: file(other.cert) });
    for (const output of [loaded.cert, loaded.key, loaded.caCert!]) expect(await isSecret(output)).toBe(true);
    expect(await valueOf(loaded.cert)).toBe(pair.cert);
    expect(await valueOf(loaded.key)).toBe(pair.key);
    expect(await valueOf(loaded.caCert!)).toBe(other.cert);
    expect(tlsFromFiles({ cert: file(pair.cert), key: file(pair.key) })).not.toHaveProperty("caCert");
  });

  it("fails when the key does not match the certificate, naming the key file", () => {
    const keyFile = file(other.key);
    const message = errorOf(() => tlsFromFiles({ cert: file(pair.cert), key: keyFile }));
    expect(message).toContain(`${keyFile} (key "tls.key"): does not match the certificate's public key`);
    expect(message).not.toContain(other.key.split("\n")[1]!);
  });

  it("fails when the files are swapped or not PEM, without quoting them", () => {
    const message = errorOf(() => tlsFromFiles({ cert: file(pair.key), key: file(`${CANARY}\n`) }));
    expect(message).toContain(`(key "tls.crt"): must be a PEM-encoded X.509 certificate`);
    expect(message).toContain(`(key "tls.key"): must be a PEM-encoded private key`);
    expect(message).not.toContain(CANARY);
    expect(message).not.toContain(pair.key.split("\n")[1]!);
  });

  it("fails for missing files, listing each by argument (a path that names nothing may be a value)", () => {
    const message = errorOf(() => tlsFromFiles({ cert: "/nonexistent/tls.crt", key: "/nonexistent/tls.key" }));
    expect(message).toContain(`  - cert (key "tls.crt"): nothing exists at the given path (a string of 20 characters`);
    expect(message).toContain(`  - key (key "tls.key"): nothing exists at the given path (a string of 20 characters`);
    expect(message).not.toContain("/nonexistent");
  });
});

describe("sshAuthFromFiles", () => {
  it("returns the private key and known_hosts as secrets, unchanged", async () => {
    const key = `-----BEGIN OPENSSH PRIVATE KEY-----\n${CANARY}\n-----END OPENSSH PRIVATE KEY-----\n`;
    const loaded = sshAuthFromFiles({ privateKey: file(key), knownHosts: file("github.com ssh-ed25519 AAAA\n") });
    expect(await isSecret(loaded.privateKey)).toBe(true);
    expect(await valueOf(loaded.privateKey)).toBe(key);
    expect(await valueOf(loaded.knownHosts!)).toBe("github.com ssh-ed25519 AAAA\n");
  });

  it("fails when the private key file is empty", () => {
    const empty = file("");
    expect(errorOf(() => sshAuthFromFiles({ privateKey: empty }))).toContain(
      `${empty} (key "ssh-privatekey"): is empty`,
    );
  });
});
