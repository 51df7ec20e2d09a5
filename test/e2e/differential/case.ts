/**
 * A generated case — a component class and its constructor arguments — and the Secret that
 * kubesecret would send for it: the child Secret's inputs (as src/components/ and
 * src/pipeline/register.ts build them) plus what pulumi-kubernetes adds when it names the object
 * (`<child name>-<8 hex>` and the annotation `pulumi.com/autonamed: "true"`). For a case the
 * component accepts, the test checks this against the inputs the component really registered.
 */
import { childName } from "../../../src/pipeline/naming";
import { AUTONAMED_ANNOTATION } from "../../../src/validation/metadata";
import { SecretType } from "../../../src/validation/types";

export type ClassName =
  "Secret" | "TlsSecret" | "BasicAuthSecret" | "SshAuthSecret" | "DockerConfigSecret" | "ServiceAccountTokenSecret";

type StringMap = Record<string, string>;

/** One owner reference as a program writes it; a field left out is sent as missing. */
export interface OwnerRef {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly uid?: string;
  readonly controller?: boolean;
  readonly blockOwnerDeletion?: boolean;
}

/** Constructor arguments as the generators make them: plain values only. */
export interface CaseArgs {
  readonly name?: string;
  readonly generateName?: string;
  readonly namespace?: string;
  readonly labels?: StringMap;
  readonly annotations?: StringMap;
  readonly ownerReferences?: readonly OwnerRef[];
  readonly type?: string;
  readonly stringData?: StringMap;
  readonly data?: StringMap;
  // The typed classes' value arguments.
  readonly cert?: string;
  readonly key?: string;
  readonly caCert?: string;
  readonly username?: string;
  readonly password?: string;
  readonly privateKey?: string;
  readonly knownHosts?: string;
  readonly dockerConfigJson?: string;
  readonly serviceAccountName?: string;
}

/** One generated input. */
export interface Case {
  readonly className: ClassName;
  readonly args: CaseArgs;
  /** The component name, when the case is about it; otherwise each case gets a fresh one. */
  readonly componentName?: string;
  /** TLS material with a deliberately changed character, which OpenSSL and Go may read differently. */
  readonly damaged?: boolean;
}

/** The Secret as the API server receives it (the JSON body of a create). */
export interface SecretBody {
  apiVersion: "v1";
  kind: "Secret";
  metadata: {
    name?: string;
    generateName?: string;
    namespace: string;
    labels?: StringMap;
    annotations?: StringMap;
    ownerReferences?: readonly OwnerRef[];
  };
  type: string;
  data: StringMap;
}

/** The random part the provider appends; any 8 hex digits are equally valid. */
export const AUTONAME_HEX = "0a1b2c3d";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const enc = (text: string | undefined) => (text === undefined ? undefined : b64(text));

/** The arguments that carry values, which never appear in test output. */
export const VALUE_ARGS = [
  "stringData",
  "data",
  "cert",
  "key",
  "caCert",
  "username",
  "password",
  "privateKey",
  "knownHosts",
  "dockerConfigJson",
] as const;

/** Each class's Secret type (Secret: its `type` argument, default Opaque). */
export function typeOf(c: Case): string {
  switch (c.className) {
    case "Secret":
      return c.args.type ?? SecretType.Opaque;
    case "TlsSecret":
      return SecretType.Tls;
    case "BasicAuthSecret":
      return SecretType.BasicAuth;
    case "SshAuthSecret":
      return SecretType.SshAuth;
    case "DockerConfigSecret":
      return SecretType.DockerConfigJson;
    case "ServiceAccountTokenSecret":
      return SecretType.ServiceAccountToken;
  }
}

/** The `data` map the component derives from its value arguments (a key in both maps: `data` wins, as in encode.ts). */
export function dataOf(c: Case): StringMap {
  const a = c.args;
  const pairs: [string, string | undefined][] = (() => {
    switch (c.className) {
      case "Secret":
        return [
          ...Object.entries(a.stringData ?? {}).map(([k, v]): [string, string] => [k, b64(v)]),
          ...Object.entries(a.data ?? {}),
        ];
      case "TlsSecret":
        return [
          ["tls.crt", enc(a.cert)],
          ["tls.key", enc(a.key)],
          ["ca.crt", enc(a.caCert)],
        ];
      case "BasicAuthSecret":
        return [
          ["username", enc(a.username)],
          ["password", enc(a.password)],
        ];
      case "SshAuthSecret":
        return [
          ["ssh-privatekey", enc(a.privateKey)],
          ["known_hosts", enc(a.knownHosts)],
        ];
      case "DockerConfigSecret":
        return [[".dockerconfigjson", enc(a.dockerConfigJson)]];
      case "ServiceAccountTokenSecret":
        return [];
    }
  })();
  return Object.fromEntries(pairs.filter((p): p is [string, string] => p[1] !== undefined));
}

/** The user's annotations merged with the class's (plan.ts: the class's win). */
export function annotationsOf(c: Case): StringMap | undefined {
  if (c.className !== "ServiceAccountTokenSecret") return c.args.annotations;
  return { ...c.args.annotations, "kubernetes.io/service-account.name": c.args.serviceAccountName ?? "" };
}

/**
 * The Secret kubesecret would send for `c`: named `name`, or by the provider after the child
 * (`<child name>-<8 hex>`, with its annotation).
 */
export function sentSecret(c: Case, componentName: string, namespace: string): SecretBody {
  const annotations = annotationsOf(c);
  const named = c.args.name !== undefined;
  const metadata: SecretBody["metadata"] = {
    name: named ? c.args.name : `${childName(componentName, c.args.generateName)}-${AUTONAME_HEX}`,
    namespace: c.args.namespace ?? namespace,
    ...(c.args.labels === undefined ? {} : { labels: c.args.labels }),
    ...(c.args.ownerReferences === undefined ? {} : { ownerReferences: c.args.ownerReferences }),
    ...(named && annotations === undefined
      ? {}
      : {
          annotations: named ? annotations : { ...annotations, [AUTONAMED_ANNOTATION.key]: AUTONAMED_ANNOTATION.value },
        }),
  };
  return { apiVersion: "v1", kind: "Secret", metadata, type: typeOf(c), data: dataOf(c) };
}

/**
 * The same Secret with the API server's own `metadata.generateName` instead of the provider's
 * naming (and so without its annotation): what a client that sends generateName would get.
 */
export function serverGeneratedSecret(c: Case, namespace: string): SecretBody {
  const annotations = annotationsOf(c);
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      generateName: c.args.generateName ?? "",
      namespace: c.args.namespace ?? namespace,
      ...(c.args.labels === undefined ? {} : { labels: c.args.labels }),
      ...(c.args.ownerReferences === undefined ? {} : { ownerReferences: c.args.ownerReferences }),
      ...(annotations === undefined ? {} : { annotations }),
    },
    type: typeOf(c),
    data: dataOf(c),
  };
}
