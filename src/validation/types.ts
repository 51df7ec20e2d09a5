/**
 * Secret types and what Kubernetes requires of each. The API accepts any type string, so a
 * misspelt built-in type silently creates a custom type no consumer recognises: catch those.
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#secret-types
 */
import type { Problem } from "./problem";

/** The built-in Secret types, plus the vendor type this library supports. */
export const SecretType = {
  Opaque: "Opaque",
  ServiceAccountToken: "kubernetes.io/service-account-token",
  DockerCfg: "kubernetes.io/dockercfg",
  DockerConfigJson: "kubernetes.io/dockerconfigjson",
  BasicAuth: "kubernetes.io/basic-auth",
  SshAuth: "kubernetes.io/ssh-auth",
  Tls: "kubernetes.io/tls",
  BootstrapToken: "bootstrap.kubernetes.io/token",
  SecureOpaque: "cfe/secure-opaque",
} as const;

/** Annotation that binds a service-account-token Secret to its ServiceAccount. */
export const SERVICE_ACCOUNT_NAME_ANNOTATION = "kubernetes.io/service-account.name";

const KNOWN_TYPES: readonly string[] = Object.values(SecretType);

/** How the type problems are reported (the API server accepts any type string). */
export const TYPE_RULES = {
  empty: `must not be empty (omit it for "${SecretType.Opaque}")`,
  misspelt: "is not a Kubernetes Secret type and would create a custom type",
  whitespace: "must not contain whitespace",
} as const;

/** Folds case and punctuation so `opaque` or `kubernetes.io/.dockerconfigjson` find their type. */
function fold(type: string): string {
  return type.toLowerCase().replace(/[^a-z0-9/]/g, "");
}

/**
 * Checks a type string: not empty, and not a near miss of a known type (different case, stray
 * or missing punctuation), which would create a custom type instead of the intended one.
 */
export function validateSecretType(type: string, field: string): Problem[] {
  if (type.length === 0) return [{ field, rule: TYPE_RULES.empty }];
  if (KNOWN_TYPES.includes(type)) return [];
  const intended = KNOWN_TYPES.find((known) => fold(known) === fold(type));
  if (intended !== undefined) {
    return [{ field, rule: `${TYPE_RULES.misspelt}; did you mean "${intended}"?` }];
  }
  if (/\s/.test(type)) return [{ field, rule: TYPE_RULES.whitespace }];
  return [];
}

/** The data keys each built-in type requires (any one of a set, for basic-auth). */
export function requiredKeys(type: string): { keys: readonly string[]; anyOf: boolean } {
  switch (type) {
    case SecretType.DockerCfg:
      return { keys: [".dockercfg"], anyOf: false };
    case SecretType.DockerConfigJson:
      return { keys: [".dockerconfigjson"], anyOf: false };
    case SecretType.BasicAuth:
      return { keys: ["username", "password"], anyOf: true };
    case SecretType.SshAuth:
      return { keys: ["ssh-privatekey"], anyOf: false };
    case SecretType.Tls:
      return { keys: ["tls.crt", "tls.key"], anyOf: false };
    default:
      return { keys: [], anyOf: false };
  }
}
