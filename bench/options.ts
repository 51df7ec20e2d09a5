/** The bench's command line: `npm run bench -- [options]`. */
import { parseArgs } from "node:util";
import { KUBESECRET_CLASSES, type KubesecretClass } from "./subjects.ts";

export const USAGE = `npm run bench -- [options]

What a kubesecret component costs beside raw Secrets and a bare component: program evaluation
under Pulumi's mocks, and the real engine against a local control plane.

  --package SPEC      the library to measure: "." (the working tree, the default), a git ref,
                      or a .tgz; repeat to compare versions in one run (e.g. --package <ref> --package .)
  --smoke             tiny N, one round, results into a scratch dir (CI)
  --large             the real engine at N = 1000 as well as 200
  --classes A,B       the kubesecret classes to measure under mocks (default: all seven)
  --rounds R          rounds of both parts (default: mocks 3, engine 3)
  --mocks-rounds R    rounds of the mocks part
  --engine-rounds R   rounds of the real-engine part
  --mocks-only        skip the real engine (no toolchain or cluster needed)
  --engine-only       skip the mocks part
  --kubeconfig FILE   use this cluster instead of starting a private control plane
  --out DIR           write results/<name>.json and the report here instead of bench/results and docs/
  --profile DIR       write V8 CPU profiles (mocks children, the engine's programs) and engine traces
                      (pulumi --tracing) to DIR; node bench/profile.ts FILE.cpuprofile summarizes one
  --render FILE       only render docs/benchmarks.md (and its charts) again from a result file
  --keep              keep the scratch dir (installed programs, CLI logs)
  --help`;

export interface BenchOptions {
  packages: string[];
  classes: KubesecretClass[];
  smoke: boolean;
  mockSizes: number[];
  engineSizes: number[];
  mocksRounds: number;
  engineRounds: number;
  mocks: boolean;
  engine: boolean;
  kubeconfig?: string;
  out?: string;
  profile?: string;
  render?: string;
  keep: boolean;
  help: boolean;
}

const DEFAULT_ROUNDS = 3;
export const MOCK_SIZES = [100, 1000, 5000];
export const ENGINE_SIZES = [200];
export const LARGE_ENGINE_SIZE = 1000;
export const SMOKE = { mockSizes: [5], engineSizes: [3] };

function rounds(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

/** Parses the command line; fails when an option is unknown or a value is malformed. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      package: { type: "string", multiple: true },
      smoke: { type: "boolean", default: false },
      large: { type: "boolean", default: false },
      classes: { type: "string" },
      rounds: { type: "string" },
      "mocks-rounds": { type: "string" },
      "engine-rounds": { type: "string" },
      "mocks-only": { type: "boolean", default: false },
      "engine-only": { type: "boolean", default: false },
      kubeconfig: { type: "string" },
      out: { type: "string" },
      profile: { type: "string" },
      render: { type: "string" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values["mocks-only"] && values["engine-only"])
    throw new Error("--mocks-only and --engine-only exclude each other");
  const packages = values.package ?? ["."];
  if (new Set(packages).size !== packages.length) throw new Error("a --package is given twice");
  const classes = (values.classes?.split(",") ?? KUBESECRET_CLASSES).map((c) => c.trim());
  const unknown = classes.filter((c) => !(KUBESECRET_CLASSES as readonly string[]).includes(c));
  if (unknown.length > 0 || classes.length === 0) {
    throw new Error(`--classes takes some of ${KUBESECRET_CLASSES.join(", ")}; got ${values.classes}`);
  }
  const smoke = values.smoke;
  const both = rounds(values.rounds, smoke ? 1 : DEFAULT_ROUNDS, "--rounds");
  return {
    packages,
    classes: classes as KubesecretClass[],
    smoke,
    mockSizes: smoke ? SMOKE.mockSizes : MOCK_SIZES,
    engineSizes: smoke ? SMOKE.engineSizes : values.large ? [...ENGINE_SIZES, LARGE_ENGINE_SIZE] : ENGINE_SIZES,
    mocksRounds: rounds(values["mocks-rounds"], both, "--mocks-rounds"),
    engineRounds: rounds(values["engine-rounds"], both, "--engine-rounds"),
    mocks: !values["engine-only"],
    engine: !values["mocks-only"],
    kubeconfig: values.kubeconfig,
    out: values.out,
    profile: values.profile,
    render: values.render,
    keep: values.keep,
    help: values.help,
  };
}

/** The result file's name: date, then the library ids (e.g. 2026-12-01-9d9a8afbb751.json). */
export function resultFileName(startedAt: string, libraryIds: readonly string[], smoke: boolean): string {
  return `${startedAt.slice(0, 10)}-${libraryIds.join("-vs-")}${smoke ? "-smoke" : ""}.json`;
}
