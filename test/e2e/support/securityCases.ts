/**
 * One valid case per component class for the security scans: every value field carries its own
 * canary (multi-line values carry one per line), and a second version of the values changes
 * one data key (two for TLS, whose certificate and key change together) for the diff check.
 * TLS material is a throwaway pair made with openssl when this module loads.
 */
import type * as pulumi from "@pulumi/pulumi";
import { canary } from "../../../tools/leaks.ts";
import { makeTlsPair } from "../../../tools/tls.ts";

type Library = typeof import("../../../src/index.js");

/** The outputs every component has (what the security test reads). */
export type SecretComponent = pulumi.ComponentResource & {
  name: pulumi.Output<string>;
  keys: pulumi.Output<string[]>;
  data: pulumi.Output<Record<string, string>>;
  revision: pulumi.Output<string | undefined>;
};

export type Version = 1 | 2;

export interface SecurityCase {
  className: string;
  /** Registers the component with the values of `version`. */
  make: (lib: Library, name: string, namespace: string, version: Version) => SecretComponent;
  /** Every secret value of a version, including derived ones (such as a docker `auth`). */
  values: (version: Version) => string[];
  /** The data keys whose value differs between version 1 and 2. */
  changedKeys: string[];
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
// Every case keeps a revision key too, so the scans cover it (see security.test.ts).
const metadata = (namespace: string) => ({
  namespace,
  labels: { "app.kubernetes.io/part-of": "kubesecret-security" },
  annotations: { "kubesecret.test/purpose": "leak scan" },
  trackRevision: true,
});

/** Values of both versions, made once: `pick(version)`. */
function versions<T>(make: () => T): (version: Version) => T {
  const made = { 1: make(), 2: make() };
  return (version) => made[version];
}

const opaque = versions(() => ({
  password: canary("password"),
  config: `user: app\ntoken: ${canary("token")}\nendpoint: https://${canary("host")}.test\n`,
  blob: canary("blob"),
}));
const opaqueV2 = { ...opaque(1), password: opaque(2).password };

const secureOpaque = versions(() => ({ apiKey: canary("apikey"), seed: canary("seed") }));
const secureOpaqueV2 = { ...secureOpaque(1), apiKey: secureOpaque(2).apiKey };

const basic = versions(() => ({ username: canary("user"), password: canary("basicpw") }));
const basicV2 = { ...basic(1), password: basic(2).password };

const sshKey = () =>
  `-----BEGIN OPENSSH PRIVATE KEY-----\n${canary("sshline1")}\n${canary("sshline2")}\n-----END OPENSSH PRIVATE KEY-----\n`;
const ssh = versions(() => ({ privateKey: sshKey(), knownHosts: `git.test ssh-ed25519 ${canary("knownhost")}` }));
const sshV2 = { ...ssh(1), privateKey: ssh(2).privateKey };

// Text before a PEM block is ignored by PEM parsers and stored as sent: a canary there is one a
// scan finds in clear, besides the PEM lines themselves.
const canaryPem = (label: string, pem: string) => `${canary(label)}\n${pem}`;
const tlsCa = canaryPem("tlsca", makeTlsPair("ca.kubesecret.test").cert);
const tls = versions(() => {
  const pair = makeTlsPair("security.kubesecret.test");
  return { cert: canaryPem("tlscert", pair.cert), key: canaryPem("tlskey", pair.key) };
});

const docker = versions(() => ({
  server: `${canary("registry")}.test`,
  username: canary("robot"),
  password: canary("dockerpw"),
  email: `${canary("mail")}@example.test`,
}));
const dockerV2 = { ...docker(1), password: docker(2).password };
const dockerValues = (d: ReturnType<typeof docker>) => [
  d.server,
  d.username,
  d.password,
  d.email,
  b64(`${d.username}:${d.password}`), // the `auth` entry the component derives
];

export const securityCases: SecurityCase[] = [
  {
    className: "Secret",
    make: (lib, name, namespace, version) => {
      const v = version === 1 ? opaque(1) : opaqueV2;
      return new lib.Secret(name, {
        ...metadata(namespace),
        stringData: { password: v.password, "config.yaml": v.config },
        data: { "blob.bin": b64(v.blob) },
      });
    },
    values: (version) => {
      const v = version === 1 ? opaque(1) : opaqueV2;
      return [v.password, v.config, v.blob, b64(v.blob)];
    },
    changedKeys: ["password"],
  },
  {
    className: "SecureOpaqueSecret",
    make: (lib, name, namespace, version) => {
      const v = version === 1 ? secureOpaque(1) : secureOpaqueV2;
      return new lib.SecureOpaqueSecret(name, {
        ...metadata(namespace),
        stringData: { apiKey: v.apiKey },
        data: { "seed.bin": b64(v.seed) },
      });
    },
    values: (version) => {
      const v = version === 1 ? secureOpaque(1) : secureOpaqueV2;
      return [v.apiKey, v.seed, b64(v.seed)];
    },
    changedKeys: ["apiKey"],
  },
  {
    className: "BasicAuthSecret",
    make: (lib, name, namespace, version) =>
      new lib.BasicAuthSecret(name, { ...metadata(namespace), ...(version === 1 ? basic(1) : basicV2) }),
    values: (version) => Object.values(version === 1 ? basic(1) : basicV2),
    changedKeys: ["password"],
  },
  {
    className: "SshAuthSecret",
    make: (lib, name, namespace, version) =>
      new lib.SshAuthSecret(name, { ...metadata(namespace), ...(version === 1 ? ssh(1) : sshV2) }),
    values: (version) => Object.values(version === 1 ? ssh(1) : sshV2),
    changedKeys: ["ssh-privatekey"],
  },
  {
    className: "TlsSecret",
    make: (lib, name, namespace, version) =>
      new lib.TlsSecret(name, {
        ...metadata(namespace),
        cert: tls(version).cert,
        key: tls(version).key,
        caCert: tlsCa,
      }),
    values: (version) => [tls(version).cert, tls(version).key, tlsCa],
    changedKeys: ["tls.crt", "tls.key"],
  },
  {
    className: "DockerConfigSecret",
    make: (lib, name, namespace, version) =>
      new lib.DockerConfigSecret(name, { ...metadata(namespace), registries: [version === 1 ? docker(1) : dockerV2] }),
    values: (version) => dockerValues(version === 1 ? docker(1) : dockerV2),
    changedKeys: [".dockerconfigjson"],
  },
  {
    // No value arguments: the secret is the token the cluster writes, read from the live Secret
    // and scanned like a value (security.test.ts).
    className: "ServiceAccountTokenSecret",
    make: (lib, name, namespace) =>
      new lib.ServiceAccountTokenSecret(name, { ...metadata(namespace), serviceAccountName: "default" }),
    values: () => [],
    changedKeys: [],
  },
];
