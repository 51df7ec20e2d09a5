/**
 * Watching what an operation does, for the behaviour e2e files:
 *
 * - `recordSteps()`: what the engine did to each resource during an operation, in order;
 * - `sampleSecrets()` / `whileSampling()`: the live Secrets, listed in the background meanwhile;
 * - `absence()` / `uidSequence()`: what the samples say about gaps and replacements;
 * - `observe()`: a line in the test output for the report.
 */
import type { CoreV1Api } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import type { EngineEvent, StepEventMetadata, UpResult } from "@pulumi/pulumi/automation";

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

// ---------------------------------------------------------------- records

/** Records an observation in the test output (the report reads these lines). */
export function observe(what: string, detail: unknown): void {
  console.info(`[observed] ${what}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
}

/** Runs `operation` with a step recorder; an error (e.g. from expectNoChanges) is returned, not thrown. */
export async function observed(operation: (r: StepRecorder) => Promise<unknown>) {
  const steps = recordSteps();
  let changes: Record<string, number> | undefined;
  const error = await operation(steps).then(
    (result) => void (changes = (result as { summary?: UpResult["summary"] }).summary?.resourceChanges),
    (err: unknown) => err,
  );
  return { steps, error, changes };
}

/** `f`, run once: later calls share its first promise (several tests read one operation). */
export function once<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}
