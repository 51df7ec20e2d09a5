/**
 * The bench's result file (bench/results/*.json): raw samples only, so every summary, ratio,
 * table and chart is derived from it by the renderer, and a run can be rendered again later.
 * `validateResults` checks a parsed file against this shape before anything is rendered.
 */
import type { LibraryInfo } from "./environment.ts";
import { SUBJECTS, type Subject } from "./subjects.ts";

export { KUBESECRET_CLASSES, SUBJECTS, type KubesecretClass, type Subject } from "./subjects.ts";

export const RESULTS_SCHEMA = "kubesecret-bench/1";

/** One program-evaluation sample under Pulumi's mocks, from a fresh process. */
export interface MockSample {
  /** From the first constructor call until every registration settled. */
  wallMs: number;
  /** CPU time (user + system, all threads) over the same interval: steadier than wall time on a busy machine. */
  cpuMs: number;
  /** Heap retained by the program (after GC) minus the heap before it ran (after GC). */
  heapBytes: number;
  /** The process's peak resident set size. */
  rssBytes: number;
}

export interface MockSeries {
  subject: Subject;
  /** The library's id (kubesecret classes only). */
  library?: string;
  n: number;
  samples: MockSample[];
}

/** `write-only`: kubesecret's `Secret` with `writeOnly: true` (values never in state). */
export type EngineProgram = "raw" | "bare" | "kubesecret" | "write-only";
export type CheckpointMode = "file" | "skip";
export const ENGINE_OPERATIONS = ["up", "preview", "noop-up", "destroy"] as const;
export type EngineOperation = (typeof ENGINE_OPERATIONS)[number];

export interface EngineSeries {
  program: EngineProgram;
  library?: string;
  n: number;
  checkpoints: CheckpointMode;
  operation: EngineOperation;
  samplesMs: number[];
  /** CPU time of pulumi and everything it ran, per round (absent off Linux). */
  cpuMs?: number[];
}

/** State size after `up`, one sample per round. */
export interface StateSeries {
  program: EngineProgram;
  library?: string;
  n: number;
  /** The file backend's checkpoint file, in bytes. */
  checkpointBytes: number[];
  /** Mean compact-JSON bytes of one Secret's state: its entry, plus its component's entry when there is one. */
  perSecretEntryBytes: number[];
}

/** The same creates and deletes sent directly to the API server, one sample per round. */
export interface ApiFloorSeries {
  n: number;
  createMs: number[];
  deleteMs: number[];
}

export interface EngineResults {
  /** Resource operations in flight at once (the engine's default: 4 × CPUs). */
  parallelism: number;
  runs: EngineSeries[];
  state: StateSeries[];
  apiFloor: ApiFloorSeries[];
}

export interface BenchResults {
  schema: typeof RESULTS_SCHEMA;
  startedAt: string;
  finishedAt: string;
  smoke: boolean;
  rounds: { mocks: number; engine: number };
  machine: { nproc: number; memoryBytes: number; cpuModel: string; platform: string; release: string };
  /** The 1-minute load average when the run started and when it finished (other work adds noise). */
  loadAverage?: { start: number; end: number };
  versions: Record<string, string>;
  libraries: LibraryInfo[];
  mocks: MockSeries[];
  /** Absent when the real-engine part did not run; `skipped` says why. */
  engine?: EngineResults;
  skipped?: string;
}

type Problems = string[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isNumberArray = (v: unknown, min: number): v is number[] =>
  Array.isArray(v) && v.length >= min && v.every((x) => typeof x === "number" && Number.isFinite(x) && x >= 0);

function expect(problems: Problems, ok: boolean, what: string): void {
  if (!ok) problems.push(what);
}

function checkSeries(problems: Problems, where: string, value: unknown, check: (o: Record<string, unknown>) => void) {
  if (!Array.isArray(value)) return problems.push(`${where} must be an array`);
  value.forEach((item, i) => (isObject(item) ? check(item) : problems.push(`${where}[${i}] must be an object`)));
}

const positiveInteger = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
const PROGRAMS: readonly unknown[] = ["raw", "bare", "kubesecret", "write-only"];

function checkEngine(problems: Problems, engine: Record<string, unknown>, libraries: Set<unknown>): void {
  expect(problems, positiveInteger(engine["parallelism"]), "engine.parallelism must be a positive integer");
  const program = (where: string, o: Record<string, unknown>) => {
    expect(problems, PROGRAMS.includes(o["program"]), `${where}.program must be raw, bare, kubesecret or write-only`);
    expect(problems, positiveInteger(o["n"]), `${where}.n must be a positive integer`);
    if (o["program"] === "kubesecret" || o["program"] === "write-only") {
      expect(problems, libraries.has(o["library"]), `${where}.library must name one of the libraries`);
    }
  };
  checkSeries(problems, "engine.runs", engine["runs"], (o) => {
    program("engine.runs[]", o);
    expect(problems, o["checkpoints"] === "file" || o["checkpoints"] === "skip", "engine.runs[].checkpoints");
    expect(problems, (ENGINE_OPERATIONS as readonly unknown[]).includes(o["operation"]), "engine.runs[].operation");
    expect(problems, isNumberArray(o["samplesMs"], 1), "engine.runs[].samplesMs must hold numbers");
    if (o["cpuMs"] !== undefined) {
      const ok = isNumberArray(o["cpuMs"], 1) && o["cpuMs"].length === (o["samplesMs"] as unknown[]).length;
      expect(problems, ok, "engine.runs[].cpuMs must hold one number per sample");
    }
  });
  checkSeries(problems, "engine.state", engine["state"], (o) => {
    program("engine.state[]", o);
    expect(problems, isNumberArray(o["checkpointBytes"], 1), "engine.state[].checkpointBytes must hold numbers");
    expect(problems, isNumberArray(o["perSecretEntryBytes"], 1), "engine.state[].perSecretEntryBytes");
  });
  checkSeries(problems, "engine.apiFloor", engine["apiFloor"], (o) => {
    expect(problems, positiveInteger(o["n"]), "engine.apiFloor[].n must be a positive integer");
    expect(problems, isNumberArray(o["createMs"], 1), "engine.apiFloor[].createMs must hold numbers");
    expect(problems, isNumberArray(o["deleteMs"], 1), "engine.apiFloor[].deleteMs must hold numbers");
  });
}

/** The parsed result file, typed; fails when it does not have the shape above (listing every problem). */
export function validateResults(value: unknown): BenchResults {
  const problems: Problems = [];
  if (!isObject(value)) throw new Error("bench results must be a JSON object");
  expect(problems, value["schema"] === RESULTS_SCHEMA, `schema must be "${RESULTS_SCHEMA}"`);
  for (const key of ["startedAt", "finishedAt"]) {
    expect(problems, typeof value[key] === "string" && !Number.isNaN(Date.parse(value[key])), `${key} must be a date`);
  }
  expect(problems, typeof value["smoke"] === "boolean", "smoke must be a boolean");
  const rounds = value["rounds"];
  expect(problems, isObject(rounds) && positiveInteger(rounds["mocks"]), "rounds.mocks must be a positive integer");
  expect(problems, isObject(rounds) && positiveInteger(rounds["engine"]), "rounds.engine must be a positive integer");
  const machine = value["machine"];
  expect(problems, isObject(machine) && positiveInteger(machine["nproc"]), "machine.nproc must be a positive integer");
  expect(problems, isObject(machine) && typeof machine["cpuModel"] === "string", "machine.cpuModel must be a string");
  expect(problems, isObject(machine) && positiveInteger(machine["memoryBytes"]), "machine.memoryBytes");
  const load = value["loadAverage"];
  if (load !== undefined) {
    const ok = isObject(load) && [load["start"], load["end"]].every((v) => typeof v === "number" && v >= 0);
    expect(problems, ok, "loadAverage must hold start and end numbers");
  }
  const versions = value["versions"];
  expect(
    problems,
    isObject(versions) && Object.values(versions).every((v) => typeof v === "string"),
    "versions must map names to strings",
  );

  const libraries = new Set<unknown>();
  checkSeries(problems, "libraries", value["libraries"], (o) => {
    expect(problems, typeof o["id"] === "string" && /^[A-Za-z0-9._-]+$/.test(o["id"]), "libraries[].id");
    expect(problems, !libraries.has(o["id"]), `libraries[].id ${String(o["id"])} is repeated`);
    libraries.add(o["id"]);
    expect(problems, ["working-tree", "git", "tarball"].includes(o["source"] as string), "libraries[].source");
    expect(problems, typeof o["tarballSha256"] === "string", "libraries[].tarballSha256 must be a string");
  });
  expect(problems, libraries.size > 0, "libraries must name at least one library");

  checkSeries(problems, "mocks", value["mocks"], (o) => {
    expect(
      problems,
      (SUBJECTS as readonly unknown[]).includes(o["subject"]),
      `mocks[].subject ${String(o["subject"])}`,
    );
    expect(problems, positiveInteger(o["n"]), "mocks[].n must be a positive integer");
    if (o["subject"] !== "raw" && o["subject"] !== "bare") {
      expect(problems, libraries.has(o["library"]), "mocks[].library must name one of the libraries");
    }
    checkSeries(problems, "mocks[].samples", o["samples"], (s) => {
      for (const key of ["wallMs", "cpuMs", "heapBytes", "rssBytes"]) {
        expect(problems, typeof s[key] === "number" && Number.isFinite(s[key]), `mocks[].samples[].${key}`);
      }
    });
  });

  if (value["engine"] !== undefined) {
    if (isObject(value["engine"])) checkEngine(problems, value["engine"], libraries);
    else problems.push("engine must be an object");
  } else {
    expect(problems, typeof value["skipped"] === "string", "skipped must say why engine results are absent");
  }
  if (problems.length > 0) throw new Error(`invalid bench results:\n  ${problems.join("\n  ")}`);
  return value as unknown as BenchResults;
}
