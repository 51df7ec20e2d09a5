/**
 * The one table of component classes that the unit tests (test/unit/fixtures.ts), the e2e tests
 * (test/e2e/support/classes.ts) and the benchmark (bench/subjects.ts) share: each class in report
 * order, the Secret type it writes, the arguments that carry its values, and a minimal valid set
 * of arguments.
 * Each consumer adds its own values (canaries, binary data, fresh keys) by class name, typed so a
 * class added here fails to compile until every consumer has a case for it.
 *
 * No imports and only erasable syntax: Node.js runs it as it is (the benchmark's programs). It
 * lives in tools/, an ES module directory, because test/support cannot be one (its other modules
 * import src/ without extensions) and Node.js warns on every load of a typeless .ts module.
 */

/** A certificate and its private key, PEM. */
export interface TlsPair {
  cert: string;
  key: string;
}

/** What every test and the benchmark agree on about one class. */
export interface ClassRow {
  /** The Secret type the class writes. */
  type: string;
  /** The arguments that carry values (resource options and leak checks name them). */
  valueFields: string[];
  /** Valid arguments for unit `i` (besides namespace and labels); TlsSecret needs `tls`. */
  minimalArgs: (i: number, tls?: TlsPair) => Record<string, unknown>;
}

/** Two values, as every minimal case carries. */
function values(i: number): { username: string; password: string } {
  return { username: `user-${i}`, password: `value-${i}` };
}

const TABLE = {
  Secret: {
    type: "Opaque",
    valueFields: ["stringData", "data"],
    minimalArgs: (i: number) => ({ stringData: values(i) }),
  },
  SecureOpaqueSecret: {
    type: "cfe/secure-opaque",
    valueFields: ["stringData", "data"],
    minimalArgs: (i: number) => ({ stringData: values(i) }),
  },
  BasicAuthSecret: {
    type: "kubernetes.io/basic-auth",
    valueFields: ["username", "password"],
    minimalArgs: (i: number) => values(i),
  },
  SshAuthSecret: {
    type: "kubernetes.io/ssh-auth",
    valueFields: ["privateKey", "knownHosts"],
    minimalArgs: (i: number) => ({
      privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\nvalue-${i}\n-----END OPENSSH PRIVATE KEY-----\n`,
      knownHosts: `git-${i}.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5`,
    }),
  },
  TlsSecret: {
    type: "kubernetes.io/tls",
    valueFields: ["cert", "key", "caCert"],
    minimalArgs: (_i: number, tls?: TlsPair) => {
      if (!tls) throw new Error("TlsSecret needs a certificate and key");
      return { cert: tls.cert, key: tls.key };
    },
  },
  DockerConfigSecret: {
    type: "kubernetes.io/dockerconfigjson",
    valueFields: ["registries", "dockerConfigJson"],
    minimalArgs: (i: number) => ({ registries: [{ server: `registry-${i}.example`, ...values(i) }] }),
  },
  ServiceAccountTokenSecret: {
    type: "kubernetes.io/service-account-token",
    // The cluster's token controller writes the data.
    valueFields: [],
    minimalArgs: () => ({ serviceAccountName: "default" }),
  },
};

/** A component class's name, as `src/index.ts` exports it. */
export type ClassName = keyof typeof TABLE;

/** Every class, by name. */
export const CLASS_TABLE: Readonly<Record<ClassName, ClassRow>> = TABLE;

/** The classes in report order. */
export const CLASS_NAMES = Object.keys(TABLE) as ClassName[];
