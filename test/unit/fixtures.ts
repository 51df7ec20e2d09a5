/**
 * One valid case per component class, each value carrying a canary string so tests can prove
 * it never reaches a message, a label, an annotation or plain state. The service-account token
 * class takes no values: its canary is in the token the (mocked) cluster writes (mocks.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import * as kubesecret from "../../src";
import { CLASS_NAMES, CLASS_TABLE, type ClassName } from "../../tools/classCases.ts";
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

/** The unit tests' values for each class: canaries in every value, and the data they make. */
const UNIT_CASES: Record<ClassName, Pick<ClassCase, "args" | "expected">> = {
  Secret: {
    args: () => ({
      stringData: { password: CANARY, "config.yaml": `token: ${CANARY}\n` },
      data: { blob: Buffer.from(CANARY).toString("base64") },
    }),
    expected: () => ({ password: CANARY, "config.yaml": `token: ${CANARY}\n`, blob: CANARY }),
  },
  SecureOpaqueSecret: {
    args: () => ({ stringData: { apiKey: CANARY } }),
    expected: () => ({ apiKey: CANARY }),
  },
  BasicAuthSecret: {
    args: () => ({ username: "admin", password: CANARY }),
    expected: () => ({ username: "admin", password: CANARY }),
  },
  SshAuthSecret: {
    args: () => ({
      privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${CANARY}\n-----END OPENSSH PRIVATE KEY-----\n`,
      knownHosts: `git.test ssh-ed25519 ${CANARY}`,
    }),
    expected: () => ({
      "ssh-privatekey": `-----BEGIN OPENSSH PRIVATE KEY-----\n${CANARY}\n-----END OPENSSH PRIVATE KEY-----\n`,
      known_hosts: `git.test ssh-ed25519 ${CANARY}`,
    }),
  },
  TlsSecret: {
    args: tlsWithCanary,
    expected: () => ({ "tls.crt": canaryPem(tls.cert), "tls.key": canaryPem(tls.key), "ca.crt": canaryPem(tls.cert) }),
  },
  DockerConfigSecret: {
    args: () => ({ registries: [{ server: "registry.test", username: "u", password: CANARY }] }),
    expected: () => ({ ".dockerconfigjson": dockerJson() }),
  },
  ServiceAccountTokenSecret: {
    args: () => ({ serviceAccountName: "builder" }),
  },
};

/** One valid case per class, in the shared table's order (tools/classCases.ts). */
export const classCases: ClassCase[] = CLASS_NAMES.map((className) => ({
  className,
  Class: kubesecret[className] as unknown as Constructor,
  valueFields: CLASS_TABLE[className].valueFields,
  type: CLASS_TABLE[className].type,
  ...UNIT_CASES[className],
}));

export { tls };
