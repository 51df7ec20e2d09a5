/**
 * Throwaway certificates and keys for the TLS cases, made once per run with openssl (node:crypto
 * cannot issue certificates): one self-signed pair per key algorithm the two sides might treat
 * differently, each key also in its other PEM encodings. The generators pick from these by index,
 * so a seed replays the same choices (with fresh key material).
 */
import { execFileSync } from "node:child_process";
import { createPrivateKey } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** One certificate and its private key in every PEM encoding that applies. */
export interface TlsMaterial {
  readonly algorithm: string;
  readonly cert: string;
  /** PKCS#8, the form openssl writes. */
  readonly key: string;
  /** PKCS#1 (`RSA PRIVATE KEY`) or SEC1 (`EC PRIVATE KEY`), when the algorithm has one. */
  readonly traditionalKey?: string;
  /** PKCS#8 encrypted with a passphrase (`ENCRYPTED PRIVATE KEY`). */
  readonly encryptedKey: string;
}

/**
 * openssl `-newkey` arguments per algorithm. RSA 512, RSA-PSS, secp256k1 and Ed448 probe what
 * Go's crypto/tls (the API server's warning) refuses and OpenSSL accepts.
 */
const ALGORITHMS: Readonly<Record<string, readonly string[]>> = {
  "ec-p256": ["ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"],
  "ec-p384": ["ec", "-pkeyopt", "ec_paramgen_curve:secp384r1"],
  "ec-p521": ["ec", "-pkeyopt", "ec_paramgen_curve:secp521r1"],
  "ec-secp256k1": ["ec", "-pkeyopt", "ec_paramgen_curve:secp256k1"],
  "rsa-pss": ["rsa-pss", "-pkeyopt", "rsa_keygen_bits:2048"],
  "rsa-2048": ["rsa:2048"],
  "rsa-1024": ["rsa:1024"],
  "rsa-512": ["rsa:512"],
  ed25519: ["ed25519"],
  ed448: ["ed448"],
};

/** The algorithms the differential test uses: each one, and a second P-256 pair that matches none. */
const DIFFERENTIAL_ALGORITHMS = [...Object.keys(ALGORITHMS), "ec-p256"];

/** How many pairs {@link makeTlsMaterial} makes by default. */
export const TLS_MATERIAL_COUNT = DIFFERENTIAL_ALGORITHMS.length;

/** Makes one pair per algorithm named (each pair's own key; two of one algorithm do not match). */
export function makeTlsMaterial(algorithms: readonly string[] = DIFFERENTIAL_ALGORITHMS): TlsMaterial[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-diff-tls-"));
  try {
    return algorithms.map((algorithm, i) => {
      const newkey = ALGORITHMS[algorithm];
      if (newkey === undefined) throw new Error(`no TLS algorithm ${algorithm}`);
      const [keyFile, certFile] = [path.join(dir, `${i}.key`), path.join(dir, `${i}.crt`)];
      const subject = `/CN=diff-${i}.test`;
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          ...newkey,
          "-nodes",
          "-days",
          "1",
          "-subj",
          subject,
          "-keyout",
          keyFile,
          "-out",
          certFile,
        ],
        { stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 },
      );
      return material(algorithm, fs.readFileSync(certFile, "utf8"), fs.readFileSync(keyFile, "utf8"));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function material(algorithm: string, cert: string, key: string): TlsMaterial {
  const parsed = createPrivateKey(key);
  const traditional =
    parsed.asymmetricKeyType === "rsa" ? "pkcs1" : parsed.asymmetricKeyType === "ec" ? "sec1" : undefined;
  return {
    algorithm,
    cert,
    key,
    ...(traditional === undefined
      ? {}
      : { traditionalKey: parsed.export({ type: traditional, format: "pem" }).toString() }),
    encryptedKey: parsed
      .export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "differential" })
      .toString(),
  };
}
