/**
 * The per-class fixtures of the behaviour e2e files (create, updates, naming, composition):
 * `classCases()` gives one valid case per component class (the classes and their types from
 * tools/classCases.ts), with fresh canaries and TLS material each call. Watching an operation is in observe.ts; leak scans are in scan.ts.
 */
import { randomBytes } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import { canary, scanValues } from "../../../tools/leaks.ts";
import { makeTlsPair } from "../../../tools/tls.ts";
import { CLASS_NAMES, CLASS_TABLE, type ClassName } from "../../../tools/classCases.ts";

/** The library as `importLibrary()` returns it. */
export type Library = typeof import("../../../src/index.js");

/** What every component class offers: the outputs and the composition helpers. */
export type Component = import("../../../src/index.js").SecretComponent;

/** More for one use of a case: arguments that override the case's, and resource options. */
export interface Extra {
  args?: Record<string, unknown>;
  opts?: import("@pulumi/pulumi").ComponentResourceOptions;
}

/** Where a component puts its Secret: `name`, `generateName`, or neither (provider autonaming). */
export interface Placement {
  namespace: string;
  name?: string;
  generateName?: string;
}

export { CLASS_NAMES, type ClassName };

/** One valid use of a component class, with what the live Secret must then hold. */
export interface ClassCase {
  className: ClassName;
  /** The Secret type the class writes. */
  type: string;
  labels: Record<string, string>;
  /** The user's annotations (the live object may carry more, e.g. the type's own). */
  annotations: Record<string, string>;
  /** Annotations the live object must carry besides the user's. */
  typeAnnotations: Record<string, string>;
  /** The `immutable` argument (undefined: not set). */
  immutable: boolean | undefined;
  /** The live data, key → bytes; undefined when the cluster writes the data itself. */
  expected: Record<string, Buffer> | undefined;
  /** The keys the cluster fills in, for classes whose data the cluster writes. */
  filledByCluster?: string[];
  /** Every secret value of the case, to scan output and state for. */
  secrets: Array<string | Buffer>;
  /** Registers the component (and anything it needs, such as its ServiceAccount) in a program. */
  create(lib: Library, name: string, placement: Placement, extra?: Extra): Component;
}

/** Non-ASCII text (valid UTF-8 of 1 to 4 bytes a character). */
export const UNICODE_TEXT = "pässwörd ✓ 鍵 🔑";
/** The size of the Secret case's large value: 1 MiB less 4 KiB (the limit is 1 MiB of data in total). */
export const LARGE_VALUE_BYTES = 1024 * 1024 - 4096;
/** The keys the token controller writes into a service-account-token Secret. */
export const SERVICE_ACCOUNT_TOKEN_KEYS = ["ca.crt", "namespace", "token"];

const utf8 = (s: string) => Buffer.from(s, "utf8");
const b64 = (b: Buffer) => b.toString("base64");

/** Bytes that are not UTF-8 (0xff, 0xfe, a lone continuation byte), NULs and line ends, and random. */
function binaryValue(): Buffer {
  return Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a, 0x0d, 0xc3, 0x28, 0x00]), randomBytes(23)]);
}

/**
 * One valid case per component class, each with its own fresh canaries. Labels, annotations and
 * `immutable` vary between the cases so that each is checked on some class.
 */
export function classCases(): ClassCase[] {
  const tls = makeTlsPair(); // fresh from openssl, never committed
  const meta = (slug: string, immutable: boolean | undefined) => ({
    labels: { "kubesecret.test/class": slug, "app.kubernetes.io/part-of": "kubesecret-e2e" },
    annotations: { "kubesecret.test/note": `plain metadata of ${slug} ✓` },
    typeAnnotations: {},
    immutable,
  });
  const secret = (() => {
    const value = canary("secret");
    const unicode = `${UNICODE_TEXT} ${canary("unicode")}`;
    const blob = binaryValue();
    const largeCanary = canary("large");
    // Starts with a canary (a leak of its start is found), then random bytes up to the size.
    const largeValue = Buffer.concat([utf8(largeCanary), randomBytes(LARGE_VALUE_BYTES - utf8(largeCanary).length)]);
    return {
      className: "Secret" as const,
      type: CLASS_TABLE.Secret.type,
      ...meta("secret", undefined),
      expected: {
        value: utf8(value),
        unicode: utf8(unicode),
        empty: Buffer.alloc(0),
        "blob.bin": blob,
        "large.bin": largeValue,
      },
      secrets: [value, unicode, blob, largeCanary],
      create: (lib: Library, name: string, placement: Placement, extra?: Extra) =>
        new lib.Secret(
          name,
          {
            ...placement,
            ...pick(meta("secret", undefined)),
            stringData: { value, unicode, empty: "" },
            data: { "blob.bin": b64(blob), "large.bin": b64(largeValue) },
            ...extra?.args,
          },
          extra?.opts,
        ),
    };
  })();
  const secureOpaque = (() => {
    const apiKey = canary("secure");
    const raw = binaryValue();
    return {
      className: "SecureOpaqueSecret" as const,
      type: CLASS_TABLE.SecureOpaqueSecret.type,
      ...meta("secure-opaque", false),
      expected: { apiKey: utf8(apiKey), "raw.bin": raw },
      secrets: [apiKey, raw],
      create: (lib: Library, name: string, placement: Placement, extra?: Extra) =>
        new lib.SecureOpaqueSecret(
          name,
          {
            ...placement,
            ...pick(meta("secure-opaque", false)),
            stringData: { apiKey },
            data: { "raw.bin": b64(raw) },
            ...extra?.args,
          },
          extra?.opts,
        ),
    };
  })();
  const basicAuth = (() => {
    const username = `ci-${canary("user")}`;
    const password = `${canary("password")} ✓`;
    return {
      className: "BasicAuthSecret" as const,
      type: CLASS_TABLE.BasicAuthSecret.type,
      ...meta("basic-auth", true),
      expected: { username: utf8(username), password: utf8(password) },
      secrets: [username, password],
      create: (lib: Library, name: string, placement: Placement, extra?: Extra) =>
        new lib.BasicAuthSecret(
          name,
          { ...placement, ...pick(meta("basic-auth", true)), username, password, ...extra?.args },
          extra?.opts,
        ),
    };
  })();
  const sshAuth = (() => {
    const privateKey = `-----BEGIN OPENSSH PRIVATE KEY-----\n${canary("sshkey")}\n-----END OPENSSH PRIVATE KEY-----\n`;
    const knownHosts = `git.kubesecret.test ssh-ed25519 ${b64(randomBytes(32))}\n`;
    return {
      className: "SshAuthSecret" as const,
      type: CLASS_TABLE.SshAuthSecret.type,
      ...meta("ssh-auth", undefined),
      expected: { "ssh-privatekey": utf8(privateKey), known_hosts: utf8(knownHosts) },
      secrets: [privateKey],
      create: (lib: Library, name: string, placement: Placement, extra?: Extra) =>
        new lib.SshAuthSecret(
          name,
          { ...placement, ...pick(meta("ssh-auth", undefined)), privateKey, knownHosts, ...extra?.args },
          extra?.opts,
        ),
    };
  })();
  const tlsCase = {
    className: "TlsSecret" as const,
    type: CLASS_TABLE.TlsSecret.type,
    ...meta("tls", true),
    expected: { "tls.crt": utf8(tls.cert), "tls.key": utf8(tls.key), "ca.crt": utf8(tls.cert) },
    // The key and each line of its base64 body: any line of it in output would be a leak.
    secrets: scanValues([tls.key]),
    create: (lib: Library, name: string, placement: Placement, extra?: Extra) =>
      new lib.TlsSecret(
        name,
        {
          ...placement,
          ...pick(meta("tls", true)),
          cert: tls.cert,
          key: tls.key,
          caCert: tls.cert,
          ...extra?.args,
        },
        extra?.opts,
      ),
  };
  const dockerConfig = (() => {
    const password = canary("registry");
    const registry = {
      server: "registry.kubesecret.test:5000",
      username: "bot",
      password,
      email: "bot@kubesecret.test",
    };
    // Byte for byte what `kubectl create secret docker-registry` writes.
    const json = JSON.stringify({
      auths: {
        [registry.server]: {
          username: registry.username,
          password,
          email: registry.email,
          auth: b64(utf8(`${registry.username}:${password}`)),
        },
      },
    });
    return {
      className: "DockerConfigSecret" as const,
      type: CLASS_TABLE.DockerConfigSecret.type,
      ...meta("docker-config", undefined),
      expected: { ".dockerconfigjson": utf8(json) },
      secrets: [password, b64(utf8(`${registry.username}:${password}`))],
      create: (lib: Library, name: string, placement: Placement, extra?: Extra) =>
        new lib.DockerConfigSecret(
          name,
          {
            ...placement,
            ...pick(meta("docker-config", undefined)),
            registries: [registry],
            ...extra?.args,
          },
          extra?.opts,
        ),
    };
  })();
  const serviceAccountToken = (() => {
    const account = "kubesecret-e2e-builder";
    return {
      className: "ServiceAccountTokenSecret" as const,
      type: CLASS_TABLE.ServiceAccountTokenSecret.type,
      // The token controller must write the data: never immutable.
      ...meta("service-account-token", undefined),
      typeAnnotations: { "kubernetes.io/service-account.name": account },
      expected: undefined,
      filledByCluster: SERVICE_ACCOUNT_TOKEN_KEYS,
      // The token is read from the cluster by the tests that need it.
      secrets: [],
      create: (lib: Library, name: string, placement: Placement, extra?: Extra) => {
        // The Secret must come after its ServiceAccount (the token controller deletes token
        // Secrets of accounts that do not exist): the Output makes it depend on it.
        const sa = new k8s.core.v1.ServiceAccount(`${name}-account`, {
          metadata: { namespace: placement.namespace, name: account },
        });
        return new lib.ServiceAccountTokenSecret(
          name,
          {
            ...placement,
            ...pick(meta("service-account-token", undefined)),
            serviceAccountName: sa.metadata.name,
            ...extra?.args,
          },
          extra?.opts,
        );
      },
    };
  })();
  const byClass: Record<ClassName, ClassCase> = {
    Secret: secret,
    SecureOpaqueSecret: secureOpaque,
    BasicAuthSecret: basicAuth,
    SshAuthSecret: sshAuth,
    TlsSecret: tlsCase,
    DockerConfigSecret: dockerConfig,
    ServiceAccountTokenSecret: serviceAccountToken,
  };
  return CLASS_NAMES.map((className) => byClass[className]);
}

function pick(m: { labels: Record<string, string>; annotations: Record<string, string>; immutable?: boolean }) {
  return {
    labels: m.labels,
    annotations: m.annotations,
    ...(m.immutable === undefined ? {} : { immutable: m.immutable }),
  };
}
