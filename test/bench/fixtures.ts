/** A small, hand-checkable result file for the report and schema tests. */
import {
  type BenchResults,
  ENGINE_OPERATIONS,
  type EngineSeries,
  KUBESECRET_CLASSES,
  RESULTS_SCHEMA,
} from "../../bench/schema.ts";

/** Three rounds; kubesecret's Secret takes exactly twice raw's time and the bare component 1.5×. */
export function sampleResults(): BenchResults {
  const rawMs = [10, 12, 11];
  const mockSample = (factor: number, n: number) =>
    rawMs.map((ms) => ({
      wallMs: ms * factor * (n / 100),
      cpuMs: 0.9 * ms * factor * (n / 100),
      heapBytes: 1e6 * factor,
      rssBytes: 2e8,
    }));
  const sizes = [100, 1000];
  const mocks = sizes.flatMap((n) => [
    { subject: "raw" as const, n, samples: mockSample(1, n) },
    { subject: "bare" as const, n, samples: mockSample(1.5, n) },
    ...KUBESECRET_CLASSES.map((subject) => ({ subject, library: "abc123", n, samples: mockSample(2, n) })),
  ]);
  const sides: Pick<EngineSeries, "program" | "library" | "samplesMs" | "cpuMs">[] = [
    { program: "raw", samplesMs: [1000, 1100, 1200], cpuMs: [800, 800, 800] },
    { program: "bare", samplesMs: [1500, 1700, 1800], cpuMs: [1200, 1200, 1200] },
    { program: "kubesecret", library: "abc123", samplesMs: [2000, 2200, 2400], cpuMs: [1600, 1600, 1600] },
  ];
  const runs: EngineSeries[] = (["file", "skip"] as const).flatMap((checkpoints) =>
    ENGINE_OPERATIONS.flatMap((operation) => sides.map((side) => ({ ...side, n: 200, checkpoints, operation }))),
  );
  return {
    schema: RESULTS_SCHEMA,
    startedAt: "2026-12-01T10:00:00.000Z",
    finishedAt: "2026-12-01T10:15:00.000Z",
    smoke: false,
    rounds: { mocks: 3, engine: 3 },
    loadAverage: { start: 1.5, end: 3.25 },
    machine: { nproc: 2, memoryBytes: 24 * 2 ** 30, cpuModel: "Test CPU", platform: "linux", release: "6.0" },
    versions: { "Node.js": "v24.21.0", "@pulumi/pulumi": "3.276.0" },
    libraries: [
      {
        id: "abc123",
        source: "git",
        spec: "abc123",
        commit: "abc123",
        tarballSha256: "f".repeat(64),
        tarballBytes: 48000,
      },
    ],
    mocks,
    engine: {
      parallelism: 8,
      runs,
      state: [
        { program: "raw", n: 200, checkpointBytes: [560000, 560000, 560000], perSecretEntryBytes: [2800, 2800, 2800] },
        { program: "bare", n: 200, checkpointBytes: [720000, 720000, 720000], perSecretEntryBytes: [3600, 3600, 3600] },
        {
          program: "kubesecret",
          library: "abc123",
          n: 200,
          checkpointBytes: [1e6, 1e6, 1e6],
          perSecretEntryBytes: [5040, 5040, 5040],
        },
      ],
      apiFloor: [{ n: 200, createMs: [500, 550, 600], deleteMs: [400, 440, 480] }],
    },
  };
}

/** `results` with kubesecret's `writeOnly` measured too: 1.1× the default mode's time, 2.6 kB per Secret. */
export function withWriteOnly(results: BenchResults): BenchResults {
  const engine = results.engine!;
  const defaults = engine.runs.filter((r) => r.program === "kubesecret");
  engine.runs.push(
    ...defaults.map((r) => ({ ...r, program: "write-only" as const, samplesMs: r.samplesMs.map((ms) => ms * 1.1) })),
  );
  engine.state.push({
    program: "write-only",
    library: "abc123",
    n: 200,
    checkpointBytes: [6e5, 6e5, 6e5],
    perSecretEntryBytes: [2600, 2600, 2600],
  });
  return results;
}
