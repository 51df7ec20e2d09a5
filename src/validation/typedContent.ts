/**
 * Checks of what a typed Secret holds: required keys, TLS material that parses and matches,
 * registry credentials that are JSON with `auths` (dockerConfig.ts). Messages never quote the
 * content (parser errors can echo input, so they are not passed on).
 */
import { type KeyObject, X509Certificate, createPrivateKey, sign, verify } from "node:crypto";
import { decodeToBytes } from "../encoding";
import type { DataEntry } from "./data";
import { validateRegistryConfig } from "./dockerConfig";
import type { Problem } from "./problem";
import { SecretType, SERVICE_ACCOUNT_NAME_ANNOTATION, requiredKeys } from "./types";

/** How TLS material that does not parse, or a key that does not match, is reported. */
export const TLS_RULES = {
  certificate: "must be a PEM-encoded X.509 certificate",
  privateKey: "must be a PEM-encoded private key (unencrypted)",
  mismatch: "does not match the certificate's public key",
  keyType:
    "must be an RSA, ECDSA (P-224, P-256, P-384 or P-521) or Ed25519 key, the kinds Go's crypto/tls (the API server, ingress controllers) can load",
} as const;

/** Key types Go's crypto/tls loads from a PEM pair (`tls.X509KeyPair`), by Node's names. */
const GO_TLS_KEY_TYPES = new Set(["rsa", "ec", "ed25519"]);
const GO_TLS_CURVES = new Set(["secp224r1", "prime256v1", "secp384r1", "secp521r1"]);

/** Whether Go's crypto/tls can use the key: RSA, ECDSA on a NIST curve, or Ed25519. */
function goLoadsKey(key: KeyObject): boolean {
  if (!GO_TLS_KEY_TYPES.has(key.asymmetricKeyType ?? "")) return false;
  return key.asymmetricKeyType !== "ec" || GO_TLS_CURVES.has(key.asymmetricKeyDetails?.namedCurve ?? "");
}

/** Where a data key came from, for messages: e.g. `args.cert`, or `args.stringData`. */
type FieldOf = (key: string) => string;

/**
 * Checks the content rules of `type` against the entries (by key; each already checked by
 * `validateEntries`). Only the keys a rule reads are decoded.
 */
export function validateTypedContent(
  type: string,
  entries: ReadonlyMap<string, DataEntry>,
  annotations: Readonly<Record<string, string>>,
): Problem[] {
  const fieldOf: FieldOf = (key) => entries.get(key)?.field ?? "args";
  const values = lazyBytes(entries);
  const problems: Problem[] = [...validateRequiredKeys(type, values, fieldOf)];
  if (problems.length > 0) return problems;
  switch (type) {
    case SecretType.Tls:
      return validateTls(values, fieldOf);
    case SecretType.DockerConfigJson:
      return validateRegistryConfig(
        values.get(".dockerconfigjson")!,
        ".dockerconfigjson",
        true,
        fieldOf(".dockerconfigjson"),
      );
    case SecretType.DockerCfg:
      return validateRegistryConfig(values.get(".dockercfg")!, ".dockercfg", false, fieldOf(".dockercfg"));
    case SecretType.SshAuth:
      return values.get("ssh-privatekey")!.length === 0
        ? [{ field: fieldOf("ssh-privatekey"), key: "ssh-privatekey", rule: "must not be empty" }]
        : [];
    case SecretType.ServiceAccountToken:
      return annotations[SERVICE_ACCOUNT_NAME_ANNOTATION]
        ? []
        : [{ field: "args.annotations", key: SERVICE_ACCOUNT_NAME_ANNOTATION, rule: `is required for type "${type}"` }];
    default:
      return [];
  }
}

/** Entry bytes, decoded only for the keys a rule reads. */
interface LazyBytes {
  has(key: string): boolean;
  get(key: string): Buffer | undefined;
}

function lazyBytes(entries: ReadonlyMap<string, DataEntry>): LazyBytes {
  return {
    has: (key) => entries.has(key),
    get: (key) => {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      return entry.encoding === "utf8" ? Buffer.from(entry.value, "utf8") : decodeToBytes(entry.value);
    },
  };
}

function validateRequiredKeys(type: string, values: LazyBytes, fieldOf: FieldOf): Problem[] {
  const { keys, anyOf } = requiredKeys(type);
  const missing = keys.filter((key) => !values.has(key));
  if (anyOf) {
    return missing.length === keys.length
      ? [
          {
            field: fieldOf(keys[0]!),
            rule: `type "${type}" needs at least one of the keys ${keys.map((k) => `"${k}"`).join(", ")}`,
          },
        ]
      : [];
  }
  return missing.map((key) => ({ field: fieldOf(key), key, rule: `is required for type "${type}"` }));
}

function validateTls(values: LazyBytes, fieldOf: FieldOf): Problem[] {
  const problems: Problem[] = [];
  const cert = parseCertificate(values.get("tls.crt")!);
  if (cert === undefined) {
    problems.push({ field: fieldOf("tls.crt"), key: "tls.crt", rule: TLS_RULES.certificate });
  }
  let key: KeyObject | undefined;
  try {
    key = createPrivateKey(values.get("tls.key")!);
  } catch {
    problems.push({
      field: fieldOf("tls.key"),
      key: "tls.key",
      rule: TLS_RULES.privateKey,
    });
  }
  if (key !== undefined && !goLoadsKey(key)) {
    problems.push({ field: fieldOf("tls.key"), key: "tls.key", rule: TLS_RULES.keyType });
  } else if (cert !== undefined && key !== undefined && !signsFor(key, cert)) {
    problems.push({ field: fieldOf("tls.key"), key: "tls.key", rule: TLS_RULES.mismatch });
  }
  const ca = values.get("ca.crt");
  if (ca !== undefined && parseCertificate(ca) === undefined) {
    problems.push({ field: fieldOf("ca.crt"), key: "ca.crt", rule: TLS_RULES.certificate });
  }
  return problems;
}

/**
 * Whether a signature made with the key verifies with the certificate's public key: whether the
 * private part belongs to the certificate, which is what Go's crypto/tls checks (it derives the
 * public key from the private part). OpenSSL's `checkPrivateKey` compares the public part a PEM
 * key carries beside it instead, which a damaged key can get wrong either way.
 */
function signsFor(key: KeyObject, cert: X509Certificate): boolean {
  const message = Buffer.from("kubesecret key pair check");
  const digest = key.asymmetricKeyType === "ed25519" ? null : "sha256";
  try {
    return verify(digest, message, cert.publicKey, sign(digest, message, key));
  } catch {
    return false;
  }
}

function parseCertificate(pem: Buffer): X509Certificate | undefined {
  if (!pem.toString("latin1").includes("-----BEGIN CERTIFICATE-----")) return undefined;
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}
