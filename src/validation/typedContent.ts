/**
 * Checks of what a typed Secret holds: required keys, TLS material that parses and matches,
 * registry credentials that are JSON with `auths`. Messages never quote the content (parser
 * errors can echo input, so they are not passed on).
 */
import { X509Certificate, createPrivateKey } from "node:crypto";
import { decodeToBytes } from "../encoding";
import type { DataEntry } from "./data";
import type { Problem } from "./problem";
import { SecretType, SERVICE_ACCOUNT_NAME_ANNOTATION, requiredKeys } from "./types";

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
      return validateDockerConfig(values, ".dockerconfigjson", true, fieldOf);
    case SecretType.DockerCfg:
      return validateDockerConfig(values, ".dockercfg", false, fieldOf);
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
    problems.push({ field: fieldOf("tls.crt"), key: "tls.crt", rule: "must be a PEM-encoded X.509 certificate" });
  }
  let key: ReturnType<typeof createPrivateKey> | undefined;
  try {
    key = createPrivateKey(values.get("tls.key")!);
  } catch {
    problems.push({
      field: fieldOf("tls.key"),
      key: "tls.key",
      rule: "must be a PEM-encoded private key (unencrypted)",
    });
  }
  if (cert !== undefined && key !== undefined && !cert.checkPrivateKey(key)) {
    problems.push({ field: fieldOf("tls.key"), key: "tls.key", rule: "does not match the certificate's public key" });
  }
  const ca = values.get("ca.crt");
  if (ca !== undefined && parseCertificate(ca) === undefined) {
    problems.push({ field: fieldOf("ca.crt"), key: "ca.crt", rule: "must be a PEM-encoded X.509 certificate" });
  }
  return problems;
}

function parseCertificate(pem: Buffer): X509Certificate | undefined {
  if (!pem.toString("latin1").includes("-----BEGIN CERTIFICATE-----")) return undefined;
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

function validateDockerConfig(values: LazyBytes, key: string, needsAuths: boolean, fieldOf: FieldOf): Problem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(values.get(key)!.toString("utf8"));
  } catch {
    return [{ field: fieldOf(key), key, rule: "must be valid JSON" }];
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(parsed)) return [{ field: fieldOf(key), key, rule: "must be a JSON object" }];
  if (needsAuths && !isObject(parsed["auths"])) {
    return [{ field: fieldOf(key), key, rule: 'must be a JSON object with an "auths" object' }];
  }
  return [];
}
