import { X509Certificate, createPrivateKey, createPublicKey } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { issueClientCertificate, makeCertificateAuthority, makeTlsPair, subjectArg } from "../../tools/tls.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-tls-test-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Whether `key` (PEM) is the private key of `cert` (PEM). */
const matches = (cert: string, key: string) =>
  new X509Certificate(cert).publicKey
    .export({ type: "spki", format: "der" })
    .equals(createPublicKey(createPrivateKey(key)).export({ type: "spki", format: "der" }));

describe("makeTlsPair", () => {
  it("makes a fresh self-signed certificate for the name, with its private key", () => {
    const a = makeTlsPair("a.kubesecret.test");
    const b = makeTlsPair("a.kubesecret.test");
    const cert = new X509Certificate(a.cert);
    expect(cert.subject).toBe("CN=a.kubesecret.test");
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(matches(a.cert, a.key)).toBe(true);
    expect(b.key).not.toBe(a.key);
    expect(new Date(cert.validTo).getTime() - Date.now()).toBeLessThanOrEqual(86_400_000 + 60_000);
  });
});

describe("client certificates", () => {
  const ca = makeCertificateAuthority(dir, "client-ca");

  it("the CA is a CA whose key file only its owner can read", () => {
    expect(new X509Certificate(fs.readFileSync(ca.certFile)).ca).toBe(true);
    expect(fs.statSync(ca.keyFile).mode & 0o777).toBe(0o600);
  });

  it("a client certificate is issued by the CA and names the user (CN) and each group (O)", () => {
    const pair = issueClientCertificate(ca, { commonName: "system:alice", organizations: ["view/ers", "team a"] });
    const cert = new X509Certificate(pair.cert);
    const caCert = new X509Certificate(fs.readFileSync(ca.certFile));
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.keyUsage).toEqual(["1.3.6.1.5.5.7.3.2"]); // extended key usage: clientAuth
    expect(cert.subject.split("\n")).toEqual(["CN=system:alice", "O=view/ers", "O=team a"]);
    expect(matches(pair.cert, pair.key)).toBe(true);
  });
});

describe("subjectArg", () => {
  it("escapes / and \\ so each value stays one field", () => {
    expect(subjectArg({ commonName: "a/b\\c", organizations: ["g"] })).toBe("/CN=a\\/b\\\\c/O=g");
  });

  it("keeps any printable value in one field of its own", () => {
    const value = fc.string({ minLength: 1 }).filter((s) => !/\p{Cc}/u.test(s));
    fc.assert(
      fc.property(value, fc.array(value, { maxLength: 3 }), (commonName, organizations) => {
        const arg = subjectArg({ commonName, organizations });
        // Unescaped slashes start fields: exactly one per value.
        expect(arg.match(/(?<!\\)(?:\\\\)*\//g)?.length).toBe(1 + organizations.length);
      }),
    );
  });

  it.each(["", "a\nb", "tab\there"])("fails when a value is %j", (commonName) => {
    expect(() => subjectArg({ commonName })).toThrow(/non-empty text without control characters/);
  });
});
