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
import type { KindContent, SecretKind } from "./pipeline/spec";
import type { DataEntry } from "./validation/data";
import { validateObjectName } from "./validation/metadata";
import type { Problem } from "./validation/problem";
import { SERVICE_ACCOUNT_NAME_ANNOTATION, SecretType } from "./validation/types";

type ValueMap = pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
type MapValues = { stringData: ValueMap | undefined; data: ValueMap | undefined };

/** One data key from one plain-text argument. */
interface Part {
  readonly key: string;
  readonly field: string;
  readonly value: string | undefined;
  readonly optional?: boolean;
}

/** Entries for the arguments that are set; a missing required argument is a problem. */
function parts(...list: Part[]): KindContent {
  const entries: DataEntry[] = [];
  const problems: Problem[] = [];
  for (const { key, field, value, optional } of list) {
    if (value !== undefined) entries.push({ key, field: `args.${field}`, value, encoding: "utf8" });
    else if (!optional) problems.push({ field: `args.${field}`, rule: "is required" });
  }
  return { entries, problems };
}

function valid(entries: DataEntry[]): KindContent {
  return { entries, problems: [] };
}

/** `stringData` (plain text) and `data` (base64), as `Secret` and `SecureOpaqueSecret` take them. */
function mapContent(values: pulumi.Unwrap<MapValues>): KindContent {
  const fromMap = (map: Record<string, string> | undefined, field: string, encoding: DataEntry["encoding"]) =>
    Object.entries(map ?? {}).map(([key, value]): DataEntry => ({ key, field, value, encoding }));
  return valid([
    ...fromMap(values.stringData, "args.stringData", "utf8"),
    ...fromMap(values.data, "args.data", "base64"),
  ]);
}

export const secretKind: SecretKind<SecretArgs, MapValues> = {
  token: "kubesecret:index:Secret",
  type: (args) => args.type,
  values: (args) => ({ stringData: args.stringData, data: args.data }),
  content: mapContent,
};

export const secureOpaqueSecretKind: SecretKind<SecureOpaqueSecretArgs, MapValues> = {
  token: "kubesecret:index:SecureOpaqueSecret",
  type: () => SecretType.SecureOpaque,
  values: (args) => ({ stringData: args.stringData, data: args.data }),
  content: mapContent,
};

export const basicAuthSecretKind: SecretKind<
  BasicAuthSecretArgs,
  Pick<BasicAuthSecretArgs, "username" | "password">
> = {
  token: "kubesecret:index:BasicAuthSecret",
  type: () => SecretType.BasicAuth,
  values: (args) => ({ username: args.username, password: args.password }),
  content: (v) =>
    parts(
      { key: "username", field: "username", value: v.username },
      { key: "password", field: "password", value: v.password },
    ),
};

export const sshAuthSecretKind: SecretKind<SshAuthSecretArgs, Pick<SshAuthSecretArgs, "privateKey" | "knownHosts">> = {
  token: "kubesecret:index:SshAuthSecret",
  type: () => SecretType.SshAuth,
  values: (args) => ({ privateKey: args.privateKey, knownHosts: args.knownHosts }),
  content: (v) =>
    parts(
      { key: "ssh-privatekey", field: "privateKey", value: v.privateKey },
      { key: "known_hosts", field: "knownHosts", value: v.knownHosts, optional: true },
    ),
};

export const tlsSecretKind: SecretKind<TlsSecretArgs, Pick<TlsSecretArgs, "cert" | "key" | "caCert">> = {
  token: "kubesecret:index:TlsSecret",
  type: () => SecretType.Tls,
  values: (args) => ({ cert: args.cert, key: args.key, caCert: args.caCert }),
  content: (v) =>
    parts(
      { key: "tls.crt", field: "cert", value: v.cert },
      { key: "tls.key", field: "key", value: v.key },
      { key: "ca.crt", field: "caCert", value: v.caCert, optional: true },
    ),
};

type DockerValues = Pick<DockerConfigSecretArgs, "registries" | "dockerConfigJson">;

export const dockerConfigSecretKind: SecretKind<DockerConfigSecretArgs, DockerValues> = {
  token: "kubesecret:index:DockerConfigSecret",
  type: () => SecretType.DockerConfigJson,
  values: (args) => ({ registries: args.registries, dockerConfigJson: args.dockerConfigJson }),
  content: (v) => dockerConfigContent(v.registries as RegistryCredential[] | undefined, v.dockerConfigJson),
};

export const serviceAccountTokenSecretKind: SecretKind<ServiceAccountTokenSecretArgs, object> = {
  token: "kubesecret:index:ServiceAccountTokenSecret",
  type: () => SecretType.ServiceAccountToken,
  // The account name is metadata, not a secret value: it stays plain.
  values: () => ({}),
  content: () => valid([]),
  annotations: (args) => ({ [SERVICE_ACCOUNT_NAME_ANNOTATION]: args.serviceAccountName }),
  checks: (args) => [
    { input: args.serviceAccountName, check: (v) => validateObjectName(v, "args.serviceAccountName") },
  ],
  keysFromLiveObject: true,
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
  if (json !== undefined) return parts({ key: ".dockerconfigjson", field: "dockerConfigJson", value: json });
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
  return parts({ key: ".dockerconfigjson", field: "registries", value: JSON.stringify({ auths }) });
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
