import { describe, expect, it } from "vitest";
import { type BenchResults, validateResults } from "../../bench/schema.ts";
import { sampleResults, withWriteOnly } from "./fixtures.ts";

type Mutation = (r: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("validateResults", () => {
  it("accepts a complete result file and returns it unchanged", () => {
    const results = sampleResults();
    expect(validateResults(JSON.parse(JSON.stringify(results)))).toEqual(results);
  });

  it("accepts a file without engine results when it says why", () => {
    const results: Partial<BenchResults> = sampleResults();
    delete results.engine;
    results.skipped = "run with --mocks-only";
    expect(validateResults(results).skipped).toBe("run with --mocks-only");
  });

  it.each<[string, Mutation, RegExp]>([
    ["the schema is another one", (r) => (r.schema = "kubesecret-bench/0"), /schema must be/],
    ["a date does not parse", (r) => (r.finishedAt = "yesterday"), /finishedAt must be a date/],
    ["rounds are not positive integers", (r) => (r.rounds.mocks = 0), /rounds\.mocks/],
    ["nproc is missing", (r) => delete r.machine.nproc, /machine\.nproc/],
    ["a load average is not a number", (r) => (r.loadAverage = { start: "high", end: 1 }), /loadAverage/],
    ["a version is not a string", (r) => (r.versions.node = 24), /versions/],
    ["no library is named", (r) => (r.libraries = []), /at least one library/],
    ["a library id repeats", (r) => r.libraries.push({ ...r.libraries[0] }), /is repeated/],
    ["a library id has a slash", (r) => (r.libraries[0].id = "a/b"), /libraries\[\]\.id/],
    ["a mocks subject is unknown", (r) => (r.mocks[0].subject = "ConfigMap"), /mocks\[\]\.subject ConfigMap/],
    ["a class names no library", (r) => (r.mocks[2].library = "other"), /mocks\[\]\.library/],
    ["a sample is not a number", (r) => (r.mocks[0].samples[0].wallMs = "fast"), /samples\[\]\.wallMs/],
    ["an operation is unknown", (r) => (r.engine.runs[0].operation = "refresh"), /operation/],
    ["a checkpoint mode is unknown", (r) => (r.engine.runs[0].checkpoints = "s3"), /checkpoints/],
    ["engine samples are empty", (r) => (r.engine.runs[0].samplesMs = []), /samplesMs/],
    ["CPU samples miss a round", (r) => (r.engine.runs[0].cpuMs = [1]), /cpuMs must hold one number per sample/],
    ["a mocks sample has no CPU time", (r) => delete r.mocks[0].samples[1].cpuMs, /samples\[\]\.cpuMs/],
    ["a kubesecret run names no library", (r) => delete r.engine.runs[2].library, /library must name/],
    ["state bytes are negative", (r) => (r.engine.state[0].checkpointBytes = [-1]), /checkpointBytes/],
    ["the API floor has no deletes", (r) => (r.engine.apiFloor[0].deleteMs = []), /deleteMs/],
    ["engine results are absent without a reason", (r) => delete r.engine, /skipped must say why/],
  ])("fails when %s", (_what, mutate, message) => {
    const results = JSON.parse(JSON.stringify(sampleResults()));
    mutate(results);
    expect(() => validateResults(results)).toThrow(message);
  });

  it("accepts write-only runs of a library, and fails when one names no library", () => {
    const results = withWriteOnly(sampleResults());
    expect(validateResults(JSON.parse(JSON.stringify(results)))).toEqual(results);
    const orphan = JSON.parse(JSON.stringify(results));
    delete orphan.engine.runs.find((r: { program: string }) => r.program === "write-only").library;
    expect(() => validateResults(orphan)).toThrow(/engine\.runs\[\]\.library must name/);
  });

  it("fails when the file is not an object", () => {
    expect(() => validateResults([])).toThrow(/must be a JSON object/);
  });

  it("lists every problem at once", () => {
    const results = JSON.parse(JSON.stringify(sampleResults()));
    results.schema = "x";
    results.smoke = "no";
    expect(() => validateResults(results)).toThrow(/schema must be[\s\S]*smoke must be a boolean/);
  });
});
