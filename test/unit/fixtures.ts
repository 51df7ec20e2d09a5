/**
 * One valid case per component class, each value carrying a canary string so tests can prove
 * it never reaches a message, a label, an annotation or plain state. The service-account token
 * class takes no values: its canary is in the token the (mocked) cluster writes (mocks.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import * as kubesecret from "../../src";
import { makeTlsPair } from "../../tools/tls.ts";
import { CANARY } from "./canary";

export { CANARY };

type Constructor = new (
  name: string,
  args: never,
  opts?: pulumi.ComponentResourceOptions,
) => kubesecret.SecretComponent;

export interface ClassCase {
  className: string;
  Class: Constructor;
  /** Valid arguments whose values contain the canary. */
  args: () => Record<string, unknown>;
  /** The value-carrying argument names. */
  valueFields: string[];
  type: string;
  /** Expected data: key → decoded UTF-8 value (undefined: filled by the cluster). */
  expected?: () => Record<string, string>;
}

const tls = makeTlsPair();
// Text before a PEM block is ignored by PEM parsers and stored as sent, so it carries the canary
// through validation into the data.
const canaryPem = (pem: string) => `${CANARY}\n${pem}`;
const tlsWithCanary = () => ({ cert: canaryPem(tls.cert), key: canaryPem(tls.key), caCert: canaryPem(tls.cert) });
const dockerJson = () =>
  JSON.stringify({
    auths: {
      "registry.test": { username: "u", password: CANARY, auth: Buffer.from(`u:${CANARY}`).toString("base64") },
    },
  });

export const classCases: ClassCase[] = [
  {
    className: "Secret",
    Class: kubesecret.Secret as unknown as Constructor,
    args: () => ({
      stringData: { password: CANARY, "config.yaml": `token: ${CANARY}\n` },
      data: { blob: Buffer.from(CANARY).toString("base64") },
    }),
    valueFields: ["stringData", "data"],
    type: "Opaque",
    expected: () => ({ password: CANARY, "config.yaml": `token: ${CANARY}\n`, blob: CANARY }),
  },
  {
    className: "SecureOpaqueSecret",
    Class: kubesecret.SecureOpaqueSecret as unknown as Constructor,
    args: () => ({ stringData: { apiKey: CANARY } }),
    valueFields: ["stringData", "data"],
    type: "cfe/secure-opaque",
    expected: () => ({ apiKey: CANARY }),
  },
  {
    className: "BasicAuthSecret",
    Class: kubesecret.BasicAuthSecret as unknown as Constructor,
    args: () => ({ username: "admin", password: CANARY }),
    valueFields: ["username", "password"],
    type: "kubernetes.io/basic-auth",
    expected: () => ({ username: "admin", password: CANARY }),
  },
  {
    className: "SshAuthSecret",
    Class: kubesecret.SshAuthSecret as unknown as Constructor,
    args: () => ({
      privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${CANARY}\n-----END OPENSSH PRIVATE KEY-----\n`,
      knownHosts: `git.test ssh-ed25519 ${CANARY}`,
    }),
    valueFields: ["privateKey", "knownHosts"],
    type: "kubernetes.io/ssh-auth",
    expected: () => ({
      "ssh-privatekey": `-----BEGIN OPENSSH PRIVATE KEY-----\n${CANARY}\n-----END OPENSSH PRIVATE KEY-----\n`,
      known_hosts: `git.test ssh-ed25519 ${CANARY}`,
    }),
  },
  {
    className: "TlsSecret",
    Class: kubesecret.TlsSecret as unknown as Constructor,
    args: tlsWithCanary,
    valueFields: ["cert", "key", "caCert"],
    type: "kubernetes.io/tls",
    expected: () => ({ "tls.crt": canaryPem(tls.cert), "tls.key": canaryPem(tls.key), "ca.crt": canaryPem(tls.cert) }),
  },
  {
    className: "DockerConfigSecret",
    Class: kubesecret.DockerConfigSecret as unknown as Constructor,
    args: () => ({ registries: [{ server: "registry.test", username: "u", password: CANARY }] }),
    valueFields: ["registries", "dockerConfigJson"],
    type: "kubernetes.io/dockerconfigjson",
    expected: () => ({ ".dockerconfigjson": dockerJson() }),
  },
  {
    className: "ServiceAccountTokenSecret",
    Class: kubesecret.ServiceAccountTokenSecret as unknown as Constructor,
    args: () => ({ serviceAccountName: "builder" }),
    valueFields: [],
    type: "kubernetes.io/service-account-token",
  },
];

export { tls };
