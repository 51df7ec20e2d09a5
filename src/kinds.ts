/**
 * What each component class adds to the shared pipeline: its token, its Secret type, which
 * arguments carry values and how they become data keys. The classes in `components/` only
 * declare their arguments and outputs; everything they do is described here.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { BasicAuthSecretArgs } from "./components/basicAuthSecret";
import type { DockerConfigSecretArgs } from "./components/dockerConfigSecret";
import type { SecretArgs } from "./components/secret";
import type { SecureOpaqueSecretArgs } from "./components/secureOpaqueSecret";
import type { ServiceAccountTokenSecretArgs } from "./components/serviceAccountTokenSecret";
import type { SshAuthSecretArgs } from "./components/sshAuthSecret";
import type { TlsSecretArgs } from "./components/tlsSecret";
import { encodeUtf8 } from "./encoding";
import type { KeyValueArgs, SecretMetadataArgs } from "./metadataArgs";
import { allKeys, keyIfSet, keysOfMap } from "./pipeline/keys";
import type { KindContent, SecretKind } from "./pipeline/spec";
import type { DataEntry } from "./validation/data";
import { validateObjectName } from "./validation/metadata";
import type { Problem } from "./validation/problem";
import { STRING, STRING_MAP, type Shape } from "./validation/shapes";
import { SERVICE_ACCOUNT_NAME_ANNOTATION, SecretType } from "./validation/types";

type ValueMap = pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
type MapValues = { stringData: ValueMap | undefined; data: ValueMap | undefined };

/** A data key that one plain-text argument fills. */
interface FixedKey<A> {
  readonly key: string;
  readonly field: keyof A & string;
  readonly optional?: boolean;
}

type PartValues = Record<string, pulumi.Input<string> | undefined>;

/**
 * What a class whose data keys are fixed adds: each key from one plain-text argument. Its key
 * names are known whatever the values are; an optional one only once it is known to be set.
 */
function fixedKeys<A extends SecretMetadataArgs>(
  list: readonly FixedKey<A>[],
): Pick<SecretKind<A, PartValues>, "shapes" | "values" | "content" | "keys"> {
  const argOf = (args: A, field: string) => (args as unknown as PartValues)[field];
  return {
    shapes: Object.fromEntries(list.map(({ field }) => [field, STRING])),
    values: (args) => Object.fromEntries(list.map(({ field }) => [field, argOf(args, field)])),
    content: (values) => parts(list, values),
    keys: (args) =>
      allKeys(list.map(({ key, field, optional }) => (optional ? keyIfSet(argOf(args, field), key) : [key]))),
  };
}

/** Entries for the arguments that are set; a missing required argument is a problem. */
function parts<A>(list: readonly FixedKey<A>[], values: Record<string, string | undefined>): KindContent {
  const entries: DataEntry[] = [];
  const problems: Problem[] = [];
  for (const { key, field, optional } of list) {
    const value = values[field];
    if (value !== undefined) entries.push({ key, field: `args.${field}`, value, encoding: "utf8" });
    else if (!optional) problems.push({ field: `args.${field}`, rule: "is required" });
  }
  return { entries, problems };
}

function valid(entries: DataEntry[]): KindContent {
  return { entries, problems: [] };
}

/** `stringData` (plain text) and `data` (base64), as `Secret` and `SecureOpaqueSecret` take them. */
const mapArgs = {
  shapes: { stringData: STRING_MAP, data: STRING_MAP },
  values: (args: KeyValueArgs): MapValues => ({ stringData: args.stringData, data: args.data }),
  content: (values: pulumi.Unwrap<MapValues>): KindContent => {
    const fromMap = (map: Record<string, string> | undefined, field: string, encoding: DataEntry["encoding"]) =>
      Object.entries(map ?? {}).map(([key, value]): DataEntry => ({ key, field, value, encoding }));
    return valid([
      ...fromMap(values.stringData, "args.stringData", "utf8"),
      ...fromMap(values.data, "args.data", "base64"),
    ]);
  },
  keys: (args: KeyValueArgs) => allKeys([keysOfMap(args.stringData), keysOfMap(args.data)]),
};

export const secretKind: SecretKind<SecretArgs, MapValues> = {
  token: "kubesecret:index:Secret",
  type: (args) => args.type,
  ...mapArgs,
  shapes: { ...mapArgs.shapes, type: STRING },
  // The token controller fills in a service-account-token Secret's data.
  keys: (args) => (args.type === SecretType.ServiceAccountToken ? "live" : mapArgs.keys(args)),
};

export const secureOpaqueSecretKind: SecretKind<SecureOpaqueSecretArgs, MapValues> = {
  token: "kubesecret:index:SecureOpaqueSecret",
  type: () => SecretType.SecureOpaque,
  ...mapArgs,
};

export const basicAuthSecretKind: SecretKind<BasicAuthSecretArgs, PartValues> = {
  token: "kubesecret:index:BasicAuthSecret",
  type: () => SecretType.BasicAuth,
  ...fixedKeys<BasicAuthSecretArgs>([
    { key: "username", field: "username" },
    { key: "password", field: "password" },
  ]),
};

export const sshAuthSecretKind: SecretKind<SshAuthSecretArgs, PartValues> = {
  token: "kubesecret:index:SshAuthSecret",
  type: () => SecretType.SshAuth,
  ...fixedKeys<SshAuthSecretArgs>([
    { key: "ssh-privatekey", field: "privateKey" },
    { key: "known_hosts", field: "knownHosts", optional: true },
  ]),
};

export const tlsSecretKind: SecretKind<TlsSecretArgs, PartValues> = {
  token: "kubesecret:index:TlsSecret",
  type: () => SecretType.Tls,
  ...fixedKeys<TlsSecretArgs>([
    { key: "tls.crt", field: "cert" },
    { key: "tls.key", field: "key" },
    { key: "ca.crt", field: "caCert", optional: true },
  ]),
};

type DockerValues = Pick<DockerConfigSecretArgs, "registries" | "dockerConfigJson">;

const REGISTRY: Shape = {
  kind: "list",
  items: { kind: "object", properties: { server: STRING, username: STRING, password: STRING, email: STRING } },
};

export const dockerConfigSecretKind: SecretKind<DockerConfigSecretArgs, DockerValues> = {
  token: "kubesecret:index:DockerConfigSecret",
  type: () => SecretType.DockerConfigJson,
  shapes: { registries: REGISTRY, dockerConfigJson: STRING },
  values: (args) => ({ registries: args.registries, dockerConfigJson: args.dockerConfigJson }),
  content: (v) => dockerConfigContent(v.registries as RegistryCredential[] | undefined, v.dockerConfigJson),
  keys: () => [".dockerconfigjson"],
};

export const serviceAccountTokenSecretKind: SecretKind<ServiceAccountTokenSecretArgs, object> = {
  token: "kubesecret:index:ServiceAccountTokenSecret",
  type: () => SecretType.ServiceAccountToken,
  shapes: { serviceAccountName: STRING },
  // The account name is metadata, not a secret value: it stays plain.
  values: () => ({}),
  content: () => valid([]),
  annotations: (args) => ({ [SERVICE_ACCOUNT_NAME_ANNOTATION]: args.serviceAccountName }),
  checks: (args) => [
    { input: args.serviceAccountName, check: (v) => validateObjectName(v, "args.serviceAccountName") },
  ],
  keys: () => "live",
};

/** Credentials for one registry, resolved. */
interface RegistryCredential {
  server: string;
  username: string;
  password: string;
  email?: string;
}

function dockerConfigContent(registries: RegistryCredential[] | undefined, json: string | undefined): KindContent {
  if ((registries === undefined) === (json === undefined)) {
    const rule = "set exactly one of args.registries and args.dockerConfigJson";
    return { entries: [], problems: [{ field: "args.registries", rule }] };
  }
  if (json !== undefined) {
    return valid([{ key: ".dockerconfigjson", field: "args.dockerConfigJson", value: json, encoding: "utf8" }]);
  }
  const problems = registries!.flatMap(checkRegistry);
  if (registries!.length === 0) problems.push({ field: "args.registries", rule: "must list at least one registry" });
  if (problems.length > 0) return { entries: [], problems };
  const auths = Object.fromEntries(
    registries!.map((r) => [
      r.server,
      {
        username: r.username,
        password: r.password,
        ...(r.email === undefined ? {} : { email: r.email }),
        auth: encodeUtf8(`${r.username}:${r.password}`),
      },
    ]),
  );
  return valid([
    { key: ".dockerconfigjson", field: "args.registries", value: JSON.stringify({ auths }), encoding: "utf8" },
  ]);
}

function checkRegistry(registry: RegistryCredential, index: number, all: RegistryCredential[]): Problem[] {
  const field = `args.registries[${index}]`;
  const problems: Problem[] = [];
  if (typeof registry.server !== "string" || registry.server.trim() === "" || /\s/.test(registry.server)) {
    problems.push({ field: `${field}.server`, rule: "must be a registry host without whitespace" });
  } else if (all.slice(0, index).some((earlier) => earlier.server === registry.server)) {
    problems.push({ field: `${field}.server`, rule: "names the same registry as an earlier entry" });
  }
  if (typeof registry.username !== "string" || registry.username === "" || registry.username.includes(":")) {
    problems.push({ field: `${field}.username`, rule: "must be a non-empty string without ':'" });
  }
  if (typeof registry.password !== "string") problems.push({ field: `${field}.password`, rule: "must be a string" });
  if (registry.email !== undefined && typeof registry.email !== "string") {
    problems.push({ field: `${field}.email`, rule: "must be a string" });
  }
  return problems;
}
