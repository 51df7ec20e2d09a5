/**
 * Shared fixtures of the behaviour e2e files (create, updates, naming, composition):
 *
 * - `classCases()`: one valid case per component class, with fresh canary values each call;
 * - `recordSteps()`: what the engine did to each resource during an operation, in order;
 * - `sampleSecrets()`: the live Secrets, polled in the background while an operation runs;
 * - `leakScanText()`: the transcript and every state file (current, backups, history) of stacks.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { CoreV1Api } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import * as k8s from "@pulumi/kubernetes";
import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";
import { makeTlsPair } from "../../unit/tls";
import { type TestStack, canary, e2eContext, transcriptText } from "../harness";

/** The library as `importLibrary()` returns it. */
export type Library = typeof import("../../../src/index.js");

/** What every component class offers: the outputs and the composition helpers. */
export type Component = import("../../../src/index.js").SecretOutputs &
  Pick<import("../../../src/index.js").Secret, "envFrom" | "envVar" | "volume">;

/** Where a component puts its Secret: `name`, `generateName`, or neither (provider autonaming). */
export interface Placement {
  namespace: string;
  name?: string;
  generateName?: string;
}

export const CLASS_NAMES = [
  "Secret",
  "SecureOpaqueSecret",
  "BasicAuthSecret",
  "SshAuthSecret",
  "TlsSecret",
  "DockerConfigSecret",
  "ServiceAccountTokenSecret",
] as const;
export type ClassName = (typeof CLASS_NAMES)[number];

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
  create(lib: Library, name: string, placement: Placement): Component;
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
      type: "Opaque",
      ...meta("secret", undefined),
      expected: {
        value: utf8(value),
        unicode: utf8(unicode),
        empty: Buffer.alloc(0),
        "blob.bin": blob,
        "large.bin": largeValue,
      },
      secrets: [value, unicode, blob, largeCanary],
      create: (lib: Library, name: string, placement: Placement) =>
        new lib.Secret(name, {
          ...placement,
          ...pick(meta("secret", undefined)),
          stringData: { value, unicode, empty: "" },
          data: { "blob.bin": b64(blob), "large.bin": b64(largeValue) },
        }),
    };
  })();
  const secureOpaque = (() => {
    const apiKey = canary("secure");
    const raw = binaryValue();
    return {
      className: "SecureOpaqueSecret" as const,
      type: "cfe/secure-opaque",
      ...meta("secure-opaque", false),
      expected: { apiKey: utf8(apiKey), "raw.bin": raw },
      secrets: [apiKey, raw],
      create: (lib: Library, name: string, placement: Placement) =>
        new lib.SecureOpaqueSecret(name, {
          ...placement,
          ...pick(meta("secure-opaque", false)),
          stringData: { apiKey },
          data: { "raw.bin": b64(raw) },
        }),
    };
  })();
  const basicAuth = (() => {
    const username = `ci-${canary("user")}`;
    const password = `${canary("password")} ✓`;
    return {
      className: "BasicAuthSecret" as const,
      type: "kubernetes.io/basic-auth",
      ...meta("basic-auth", true),
      expected: { username: utf8(username), password: utf8(password) },
      secrets: [username, password],
      create: (lib: Library, name: string, placement: Placement) =>
        new lib.BasicAuthSecret(name, { ...placement, ...pick(meta("basic-auth", true)), username, password }),
    };
  })();
  const sshAuth = (() => {
    const privateKey = `-----BEGIN OPENSSH PRIVATE KEY-----\n${canary("sshkey")}\n-----END OPENSSH PRIVATE KEY-----\n`;
    const knownHosts = `git.kubesecret.test ssh-ed25519 ${b64(randomBytes(32))}\n`;
    return {
      className: "SshAuthSecret" as const,
      type: "kubernetes.io/ssh-auth",
      ...meta("ssh-auth", undefined),
      expected: { "ssh-privatekey": utf8(privateKey), known_hosts: utf8(knownHosts) },
      secrets: [privateKey],
      create: (lib: Library, name: string, placement: Placement) =>
        new lib.SshAuthSecret(name, { ...placement, ...pick(meta("ssh-auth", undefined)), privateKey, knownHosts }),
    };
  })();
  const tlsCase = {
    className: "TlsSecret" as const,
    type: "kubernetes.io/tls",
    ...meta("tls", true),
    expected: { "tls.crt": utf8(tls.cert), "tls.key": utf8(tls.key), "ca.crt": utf8(tls.cert) },
    // The key's base64 body, line by line: any line of it in output would be a leak.
    secrets: [tls.key, ...pemBodyLines(tls.key)],
    create: (lib: Library, name: string, placement: Placement) =>
      new lib.TlsSecret(name, {
        ...placement,
        ...pick(meta("tls", true)),
        cert: tls.cert,
        key: tls.key,
        caCert: tls.cert,
      }),
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
      type: "kubernetes.io/dockerconfigjson",
      ...meta("docker-config", undefined),
      expected: { ".dockerconfigjson": utf8(json) },
      secrets: [password, b64(utf8(`${registry.username}:${password}`))],
      create: (lib: Library, name: string, placement: Placement) =>
        new lib.DockerConfigSecret(name, {
          ...placement,
          ...pick(meta("docker-config", undefined)),
          registries: [registry],
        }),
    };
  })();
  const serviceAccountToken = (() => {
    const account = "kubesecret-e2e-builder";
    return {
      className: "ServiceAccountTokenSecret" as const,
      type: "kubernetes.io/service-account-token",
      // The token controller must write the data: never immutable.
      ...meta("service-account-token", undefined),
      typeAnnotations: { "kubernetes.io/service-account.name": account },
      expected: undefined,
      filledByCluster: SERVICE_ACCOUNT_TOKEN_KEYS,
      // The token is read from the cluster by the tests that need it.
      secrets: [],
      create: (lib: Library, name: string, placement: Placement) => {
        // The Secret must come after its ServiceAccount (the token controller deletes token
        // Secrets of accounts that do not exist): the Output makes it depend on it.
        const sa = new k8s.core.v1.ServiceAccount(`${name}-account`, {
          metadata: { namespace: placement.namespace, name: account },
        });
        return new lib.ServiceAccountTokenSecret(name, {
          ...placement,
          ...pick(meta("service-account-token", undefined)),
          serviceAccountName: sa.metadata.name,
        });
      },
    };
  })();
  return [secret, secureOpaque, basicAuth, sshAuth, tlsCase, dockerConfig, serviceAccountToken];
}

function pick(m: { labels: Record<string, string>; annotations: Record<string, string>; immutable?: boolean }) {
  return {
    labels: m.labels,
    annotations: m.annotations,
    ...(m.immutable === undefined ? {} : { immutable: m.immutable }),
  };
}

function pemBodyLines(pem: string): string[] {
  return pem.split("\n").filter((line) => line.length >= 16 && !line.startsWith("-----"));
}

// ---------------------------------------------------------------- engine steps

/** One step the engine reported: `phase` "pre" when it starts, "done" or "failed" when it ends. */
export interface Step {
  op: string;
  phase: "pre" | "done" | "failed";
  /** The resource's type token, e.g. `kubernetes:core/v1:Secret`. */
  type: string;
  /** The URN's type path: parent types, then the type, e.g. `kubesecret:index:Secret$kubernetes:core/v1:Secret`. */
  typePath: string;
  /** The resource's name (the last part of its URN). */
  name: string;
  urn: string;
  /** The properties that force a replacement (replace steps), as the engine reports them. */
  replaceKeys?: string[];
}

/**
 * Whether a step is of `type`: a type token (`kubernetes:core/v1:Secret`), or the end of a type
 * path (`kubesecret:index:Secret$kubernetes:core/v1:Secret`: only the children of that class).
 */
function isOf(step: Step, type: string): boolean {
  return step.type === type || step.typePath === type || step.typePath.endsWith(`$${type}`);
}

/**
 * Collects the engine's steps of one operation, in the order the engine reported them: pass
 * `onEvent` to up/preview/refresh/destroy.
 */
export function recordSteps() {
  const steps: Step[] = [];
  const onEvent = (event: EngineEvent) => {
    const add = (phase: Step["phase"], metadata: StepEventMetadata | undefined) => {
      if (!metadata || metadata.type.startsWith("pulumi:providers:")) return;
      const parts = metadata.urn.split("::");
      const [typePath, name] = [parts[parts.length - 2] ?? "", parts[parts.length - 1] ?? ""];
      const { op, type, urn, keys } = metadata;
      steps.push({ op, phase, type, typePath, name, urn, ...(keys?.length ? { replaceKeys: keys } : {}) });
    };
    add("pre", event.resourcePreEvent?.metadata);
    add("done", event.resOutputsEvent?.metadata);
    add("failed", event.resOpFailedEvent?.metadata);
  };
  const matching = (type: string, name: string | undefined, phase: Step["phase"]) => (s: Step) =>
    s.phase === phase && isOf(s, type) && (name === undefined || s.name === name);
  return {
    onEvent,
    steps,
    /** The ops started for resources of `type` (and `name`), in order. */
    ops(type: string, name?: string): string[] {
      return steps.filter(matching(type, name, "pre")).map((s) => s.op);
    },
    /** The op of the first step for a resource; "same" counts too. */
    opOf(type: string, name: string): string | undefined {
      return steps.find(matching(type, name, "pre"))?.op;
    },
    /** Position of the first step with `op` for the resource, in the order steps were reported. */
    indexOf(op: string, type: string, name?: string, phase: Step["phase"] = "pre"): number {
      const match = matching(type, name, phase);
      return steps.findIndex((s) => s.op === op && match(s));
    },
    /** `op:Kind/name` of every started step that is not "same", for messages and records. */
    summary(): string[] {
      return steps
        .filter((s) => s.phase === "pre" && s.op !== "same")
        .map((s) => `${s.op}:${s.type.split(":").pop()}/${s.name}`);
    },
  };
}
export type StepRecorder = ReturnType<typeof recordSteps>;

export const SECRET_TYPE = "kubernetes:core/v1:Secret";

// ---------------------------------------------------------------- live sampling

export interface LiveSecret {
  name: string;
  uid: string;
  resourceVersion: string;
  keys: string[];
}
export interface LiveSample {
  /** ms since the sampler started */
  at: number;
  secrets: LiveSecret[];
}

/**
 * Lists the namespace's Secrets matching `labelSelector` every `everyMs` until `stop()`, which
 * returns the samples (and rethrows a failed list).
 */
export function sampleSecrets(core: CoreV1Api, namespace: string, labelSelector: string, everyMs = 50) {
  const samples: LiveSample[] = [];
  const started = Date.now();
  let stopped = false;
  let failure: unknown;
  const loop = (async () => {
    while (!stopped) {
      const t = Date.now();
      try {
        const list = await core.listNamespacedSecret({ namespace, labelSelector });
        samples.push({
          at: t - started,
          secrets: list.items.map((s) => ({
            name: s.metadata?.name ?? "",
            uid: s.metadata?.uid ?? "",
            resourceVersion: s.metadata?.resourceVersion ?? "",
            keys: Object.keys(s.data ?? {}).sort(),
          })),
        });
      } catch (err) {
        failure = err;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (Date.now() - t))));
    }
  })();
  return {
    async stop(): Promise<LiveSample[]> {
      stopped = true;
      await loop;
      if (failure) throw failure;
      return samples;
    },
  };
}

/** Runs `operation` while sampling; returns its result and the samples. */
export async function whileSampling<T>(
  core: CoreV1Api,
  namespace: string,
  labelSelector: string,
  operation: () => Promise<T>,
): Promise<{ result: T; samples: LiveSample[] }> {
  const sampler = sampleSecrets(core, namespace, labelSelector);
  try {
    const result = await operation();
    // One more sample after the operation has returned.
    await new Promise((r) => setTimeout(r, 60));
    return { result, samples: await sampler.stop() };
  } catch (err) {
    await sampler.stop().catch(() => {});
    throw err;
  }
}

/**
 * Where no Secret satisfied `present`: the number of samples, and the longest gap as the time
 * from the last sample before it to the first sample after it (an upper bound of the window).
 */
export function absence(samples: LiveSample[], present: (s: LiveSecret) => boolean) {
  let missing = 0;
  let longestMs = 0;
  let lastSeen: number | undefined;
  let inGap = false;
  for (const sample of samples) {
    if (sample.secrets.some(present)) {
      if (inGap && lastSeen !== undefined) longestMs = Math.max(longestMs, sample.at - lastSeen);
      lastSeen = sample.at;
      inGap = false;
    } else {
      missing++;
      inGap = true;
    }
  }
  return { samples: samples.length, missing, longestMs };
}

/** The sets of uids seen, in the order they first appeared together, e.g. [[old], [old, new], [new]]. */
export function uidSequence(samples: LiveSample[]): string[][] {
  const seq: string[][] = [];
  for (const sample of samples) {
    const uids = sample.secrets.map((s) => s.uid).sort();
    const last = seq[seq.length - 1];
    if (!last || last.join() !== uids.join()) seq.push(uids);
  }
  return seq;
}

// ---------------------------------------------------------------- leak scans

/**
 * The file backend's files of these stacks: the current state, every backup and every history
 * checkpoint (all plain JSON: the e2e environment turns gzip off).
 */
export function stateFilesOf(stacks: readonly TestStack[]): string[] {
  const root = path.join(e2eContext().backendDir, ".pulumi");
  const files: string[] = [];
  for (const stack of stacks) {
    files.push(stack.statePath());
    for (const area of ["backups", "history"]) {
      const dir = path.join(root, area, stack.projectName, stack.name);
      if (!fs.existsSync(dir)) continue;
      for (const f of fs.readdirSync(dir)) if (f.endsWith(".json")) files.push(path.join(dir, f));
    }
  }
  return files.filter((f) => fs.existsSync(f));
}

/** Everything to scan for secret values: this file's transcript, then every state file of `stacks`. */
export function leakScanText(stacks: readonly TestStack[]): { text: string; stateFiles: number } {
  const files = stateFilesOf(stacks);
  return {
    text: [transcriptText(), ...files.map((f) => fs.readFileSync(f, "utf8"))].join("\n"),
    stateFiles: files.length,
  };
}

/** Records an observation in the test output (the report reads these lines). */
export function observe(what: string, detail: unknown): void {
  console.info(`[observed] ${what}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
}
