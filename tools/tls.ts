/**
 * Throwaway certificates, made fresh with openssl (node:crypto makes keys but cannot issue
 * certificates): a self-signed TLS pair for tests and the demo, and a certificate authority with
 * client certificates for the local cluster's users.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A certificate and its private key, both PEM. */
export interface TlsPair {
  cert: string;
  key: string;
}

/** The files of a certificate authority. */
export interface CertificateAuthority {
  certFile: string;
  keyFile: string;
}

/** Who a certificate names: Kubernetes reads CN as the user name and each O as a group. */
export interface Subject {
  commonName: string;
  organizations?: readonly string[];
}

const EC_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

/** An openssl `-subj` argument for `subject`: `/CN=…/O=…`, with `\` and `/` escaped. */
export function subjectArg(subject: Subject): string {
  const parts: [string, string][] = [
    ["CN", subject.commonName],
    ...(subject.organizations ?? []).map((o) => ["O", o] as [string, string]),
  ];
  return parts
    .map(([type, value]) => {
      if (!value || /\p{Cc}/u.test(value)) {
        throw new Error(`a certificate subject's ${type} must be non-empty text without control characters`);
      }
      return `/${type}=${value.replace(/[\\/]/g, (c) => `\\${c}`)}`;
    })
    .join("");
}

function openssl(args: string[]): void {
  try {
    execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === "ENOENT") throw new Error("openssl is needed to make certificates and was not found on PATH");
    throw new Error(`openssl ${args[0]} failed: ${String(e.stderr ?? e.message).trim()}`);
  }
}

/** Runs `fn` with a private scratch directory, removed afterwards (private keys pass through it). */
function inScratch<T>(fn: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-tls-"));
  try {
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh self-signed EC P-256 certificate for `commonName`, valid for one day. */
export function makeTlsPair(commonName = "kubesecret.test"): TlsPair {
  return inScratch((dir) => {
    const [key, cert] = [path.join(dir, "tls.key"), path.join(dir, "tls.crt")];
    openssl([
      "req",
      "-x509",
      ...EC_KEY,
      "-days",
      "1",
      "-subj",
      subjectArg({ commonName }),
      "-keyout",
      key,
      "-out",
      cert,
    ]);
    return { cert: fs.readFileSync(cert, "utf8"), key: fs.readFileSync(key, "utf8") };
  });
}

/** A certificate authority written to `<dir>/<name>.crt` and `<dir>/<name>.key` (mode 0600). */
export function makeCertificateAuthority(dir: string, name: string, days = 3650): CertificateAuthority {
  const certFile = path.join(dir, `${name}.crt`);
  const keyFile = path.join(dir, `${name}.key`);
  openssl([
    "req",
    "-x509",
    ...EC_KEY,
    "-days",
    String(days),
    "-subj",
    subjectArg({ commonName: `kubesecret ${name}` }),
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
    "-keyout",
    keyFile,
    "-out",
    certFile,
  ]);
  fs.chmodSync(keyFile, 0o600);
  return { certFile, keyFile };
}

/** A client certificate (extended key usage clientAuth) for `subject`, signed by `ca`. */
export function issueClientCertificate(ca: CertificateAuthority, subject: Subject, days = 365): TlsPair {
  return inScratch((dir) => {
    const [key, csr, cert, ext] = ["client.key", "client.csr", "client.crt", "client.ext"].map((f) =>
      path.join(dir, f),
    ) as [string, string, string, string];
    fs.writeFileSync(
      ext,
      "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n",
    );
    openssl(["req", "-new", "-utf8", ...EC_KEY, "-subj", subjectArg(subject), "-keyout", key, "-out", csr]);
    openssl([
      "x509",
      "-req",
      "-in",
      csr,
      "-CA",
      ca.certFile,
      "-CAkey",
      ca.keyFile,
      "-set_serial",
      `0x${randomBytes(16).toString("hex")}`,
      "-days",
      String(days),
      "-extfile",
      ext,
      "-out",
      cert,
    ]);
    return { cert: fs.readFileSync(cert, "utf8"), key: fs.readFileSync(key, "utf8") };
  });
}
