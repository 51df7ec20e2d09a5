/**
 * The report's tables, derived from a result file: every figure is the median of the rounds with
 * min and max beside it, every ratio is taken round by round against the same round's baseline.
 */
import { KUBESECRET_CLASSES, type BenchResults, type EngineProgram, type MockSeries, type Subject } from "../schema.ts";
import { type Summary, pairedRatio, scaled, summarize } from "../stats.ts";
import { formatBytes, formatMs, formatPerUnitMs, formatRatio, formatSummary, markdownTable } from "./format.ts";

const ratio = (s: Summary) => formatSummary(s, formatRatio);

/** One side of an engine comparison: a program, and for kubesecret the library version. */
export interface Side {
  program: EngineProgram;
  library?: string;
  label: string;
  /** Write-only sides: the same library's default mode, which they are also compared with. */
  baseline?: Side;
}

/**
 * raw, bare, kubesecret for each library, then kubesecret `writeOnly` for each library the run
 * measured it with (labelled with the library when there are several).
 */
export function engineSides(results: BenchResults): Side[] {
  const several = results.libraries.length > 1;
  const at = (id: string) => (several ? ` @ ${id}` : "");
  const defaults = results.libraries.map((lib) => ({
    program: "kubesecret" as const,
    library: lib.id,
    label: `kubesecret${at(lib.id)}`,
  }));
  const measured = (id: string) =>
    results.engine?.runs.some((r) => r.program === "write-only" && r.library === id) ||
    results.engine?.state.some((r) => r.program === "write-only" && r.library === id);
  const writeOnly = defaults
    .filter((d) => measured(d.library))
    .map((d) => ({
      program: "write-only" as const,
      library: d.library,
      label: `writeOnly${at(d.library)}`,
      baseline: d,
    }));
  return [
    { program: "raw", label: "raw Secret" },
    { program: "bare", label: "bare component" },
    ...defaults,
    ...writeOnly,
  ];
}

/** The ratio columns of the sides after raw and bare: to raw, to bare, and to a baseline. */
function ratioHeaders(sides: readonly Side[]): string[] {
  return sides
    .slice(2)
    .flatMap((s) => [
      `${s.label} / raw`,
      `${s.label} / bare`,
      ...(s.baseline ? [`${s.label} / ${s.baseline.label}`] : []),
    ]);
}

/** Display name of a mocks subject. */
export function subjectLabel(subject: Subject, library: string | undefined, several: boolean): string {
  if (subject === "raw") return "raw Secret";
  if (subject === "bare") return "bare component";
  return several && library ? `${subject} @ ${library}` : subject;
}

/** The mocks series in report order: raw, bare, then each library's classes. */
export function orderedMockSeries(results: BenchResults, n: number): MockSeries[] {
  const at = results.mocks.filter((s) => s.n === n);
  const find = (subject: Subject, library?: string) =>
    at.find((s) => s.subject === subject && (library === undefined || s.library === library));
  const ordered = [find("raw"), find("bare")];
  for (const lib of results.libraries) ordered.push(...KUBESECRET_CLASSES.map((c) => find(c, lib.id)));
  return ordered.filter((s): s is MockSeries => s !== undefined);
}

export function mockSizes(results: BenchResults): number[] {
  return [...new Set(results.mocks.map((s) => s.n))].sort((a, b) => a - b);
}

/** Program evaluation under mocks: time, heap and peak RSS per subject and N, with ratios to raw. */
export function mocksTable(results: BenchResults): string {
  const several = results.libraries.length > 1;
  const rows: string[][] = [];
  for (const n of mockSizes(results)) {
    const series = orderedMockSeries(results, n);
    const raw = series.find((s) => s.subject === "raw");
    for (const s of series) {
      type Metric = "wallMs" | "cpuMs" | "heapBytes" | "rssBytes";
      const pick = (key: Metric, of: MockSeries) => of.samples.map((x) => x[key]);
      const vsRaw = (key: Metric) => (raw && s !== raw ? ratio(pairedRatio(pick(key, s), pick(key, raw))) : "");
      rows.push([
        String(n),
        subjectLabel(s.subject, s.library, several),
        formatSummary(summarize(pick("wallMs", s)), formatMs),
        formatSummary(summarize(scaled(pick("wallMs", s), n)), formatPerUnitMs),
        vsRaw("wallMs"),
        formatSummary(summarize(pick("cpuMs", s)), formatMs),
        vsRaw("cpuMs"),
        formatSummary(summarize(pick("heapBytes", s)), formatBytes),
        vsRaw("heapBytes"),
        formatSummary(summarize(pick("rssBytes", s)), formatBytes),
        vsRaw("rssBytes"),
      ]);
    }
  }
  const headers = ["N", "subject", "time", "per Secret", "time × raw", "CPU", "CPU × raw", "heap", "heap × raw"];
  headers.push("peak RSS", "RSS × raw");
  return markdownTable(headers, rows);
}

export function engineSizes(results: BenchResults): number[] {
  return [...new Set(results.engine?.runs.map((r) => r.n) ?? [])].sort((a, b) => a - b);
}

const OPERATION_LABELS = {
  up: "`pulumi up` (create)",
  preview: "no-op `pulumi preview`",
  "noop-up": "no-op `pulumi up`",
  destroy: "`pulumi destroy`",
} as const;

/** Wall time (`samplesMs`) or CPU time (`cpuMs`) of pulumi runs. */
export type EngineMetric = "samplesMs" | "cpuMs";

function engineSamples(
  results: BenchResults,
  side: Side,
  n: number,
  mode: string,
  operation: string,
  metric: EngineMetric = "samplesMs",
) {
  return results.engine?.runs.find(
    (r) =>
      r.program === side.program &&
      r.library === side.library &&
      r.n === n &&
      r.checkpoints === mode &&
      r.operation === operation,
  )?.[metric];
}

/**
 * Real engine at one N: each operation per side, then ratios to raw and to the bare floor; in
 * wall time, or in the CPU time of pulumi and what it ran (undefined when not measured).
 */
export function engineTable(results: BenchResults, n: number, metric: EngineMetric = "samplesMs"): string | undefined {
  const sides = engineSides(results);
  const headers = ["operation", ...sides.map((s) => s.label), `bare / raw`, ...ratioHeaders(sides)];
  const rows: string[][] = [];
  for (const mode of ["file", "skip"] as const) {
    for (const operation of ["up", "preview", "noop-up", "destroy"] as const) {
      const of = (s: Side) => engineSamples(results, s, n, mode, operation, metric);
      const samples = sides.map(of);
      if (samples.some((x) => x === undefined)) continue;
      const [rawMs, bareMs] = samples as number[][];
      const label = OPERATION_LABELS[operation] + (mode === "skip" ? ", `PULUMI_SKIP_CHECKPOINTS=true`" : "");
      const row = [label, ...samples.map((x) => formatSummary(summarize(x!), formatMs))];
      row.push(ratio(pairedRatio(bareMs!, rawMs!)));
      for (const side of sides.slice(2)) {
        const ms = of(side)!;
        row.push(ratio(pairedRatio(ms, rawMs!)), ratio(pairedRatio(ms, bareMs!)));
        if (side.baseline) row.push(ratio(pairedRatio(ms, of(side.baseline)!)));
      }
      rows.push(row);
    }
  }
  return rows.length > 0 ? markdownTable(headers, rows) : undefined;
}

/** The API floor at one N beside each side's `up` and `destroy`, and each side's ratio to it. */
export function floorTable(results: BenchResults, n: number): string | undefined {
  const floor = results.engine?.apiFloor.find((f) => f.n === n);
  if (!floor) return undefined;
  const sides = engineSides(results);
  const headers = ["step", "API floor", ...sides.map((s) => s.label), ...sides.map((s) => `${s.label} / floor`)];
  const rows: string[][] = [];
  const steps = [
    ["create", "up", floor.createMs],
    ["delete", "destroy", floor.deleteMs],
  ] as const;
  for (const mode of ["file", "skip"] as const) {
    for (const [step, operation, floorMs] of steps) {
      const samples = sides.map((s) => engineSamples(results, s, n, mode, operation));
      if (samples.some((x) => x === undefined)) continue;
      const label = `${step} (\`${operation}\`${mode === "skip" ? ", checkpoints skipped" : ""})`;
      rows.push([
        label,
        formatSummary(summarize(floorMs), formatMs),
        ...samples.map((x) => formatSummary(summarize(x!), formatMs)),
        ...samples.map((x) => ratio(pairedRatio(x!, floorMs))),
      ]);
    }
  }
  return markdownTable(headers, rows);
}

/** State after `up` at one N: the checkpoint per Secret and each Secret's own state, with ratios to raw. */
export function stateTable(results: BenchResults, n: number): string | undefined {
  const sides = engineSides(results);
  const find = (s: Side) =>
    results.engine?.state.find((x) => x.program === s.program && x.library === s.library && x.n === n);
  const raw = find(sides[0]!);
  if (!raw) return undefined;
  const rows = sides.flatMap((side) => {
    const s = find(side);
    if (!s) return [];
    const isRaw = s === raw;
    return [
      [
        side.label,
        formatSummary(summarize(s.checkpointBytes), formatBytes),
        formatSummary(summarize(scaled(s.checkpointBytes, n)), formatBytes),
        isRaw ? "" : ratio(pairedRatio(s.checkpointBytes, raw.checkpointBytes)),
        formatSummary(summarize(s.perSecretEntryBytes), formatBytes),
        isRaw ? "" : ratio(pairedRatio(s.perSecretEntryBytes, raw.perSecretEntryBytes)),
      ],
    ];
  });
  const headers = [
    "program",
    "checkpoint",
    "checkpoint / N",
    "× raw",
    "per Secret: its entry + its component's",
    "× raw",
  ];
  return markdownTable(headers, rows);
}

/** The summary's operations: checkpoints as usual, and `up` once more without them. */
const SUMMARY_RUNS = [
  ["file", "up"],
  ["skip", "up"],
  ["file", "preview"],
  ["file", "noop-up"],
  ["file", "destroy"],
] as const;

/**
 * The real engine at one N in a few lines: each operation's wall time and the state per Secret,
 * medians only, with kubesecret's ratios to raw and to the bare floor (undefined when not measured).
 */
export function engineSummaryTable(results: BenchResults, n: number): string | undefined {
  const sides = engineSides(results);
  const headers = [`N = ${n}, real engine`, ...sides.map((s) => s.label), ...ratioHeaders(sides)];
  const rows: string[][] = [];
  const add = (label: string, of: (s: Side) => readonly number[] | undefined, format: (v: number) => string) => {
    const samples = sides.map(of);
    if (samples.some((x) => x === undefined)) return;
    const [raw, bare] = samples as number[][];
    const row = [label, ...samples.map((x) => format(summarize(x!).median))];
    const to = (x: readonly number[], base: readonly number[]) => formatRatio(pairedRatio(x, base).median);
    for (const side of sides.slice(2)) {
      const x = of(side)!;
      row.push(to(x, raw!), to(x, bare!), ...(side.baseline ? [to(x, of(side.baseline)!)] : []));
    }
    rows.push(row);
  };
  for (const [mode, operation] of SUMMARY_RUNS) {
    const label = OPERATION_LABELS[operation] + (mode === "skip" ? ", `PULUMI_SKIP_CHECKPOINTS=true`" : "");
    add(label, (s) => engineSamples(results, s, n, mode, operation), formatMs);
  }
  const state = (s: Side) =>
    results.engine?.state.find((x) => x.program === s.program && x.library === s.library && x.n === n);
  add("state per Secret (its entry and its component's)", (s) => state(s)?.perSecretEntryBytes, formatBytes);
  return rows.length > 0 ? markdownTable(headers, rows) : undefined;
}

/**
 * Program evaluation under mocks in a few lines: raw, the bare floor and kubesecret's `Secret` at
 * each N, per Secret and as ratios to raw (medians).
 */
export function mocksSummaryTable(results: BenchResults): string | undefined {
  const several = results.libraries.length > 1;
  const rows: string[][] = [];
  for (const n of mockSizes(results)) {
    const series = orderedMockSeries(results, n).filter(
      (s) => s.subject === "raw" || s.subject === "bare" || s.subject === "Secret",
    );
    const raw = series.find((s) => s.subject === "raw");
    for (const s of series) {
      const pick = (key: "wallMs" | "cpuMs" | "heapBytes", of: MockSeries) => of.samples.map((x) => x[key]);
      const vsRaw = (key: "wallMs" | "cpuMs" | "heapBytes") =>
        raw && s !== raw ? formatRatio(pairedRatio(pick(key, s), pick(key, raw)).median) : "";
      rows.push([
        String(n),
        subjectLabel(s.subject, s.library, several),
        formatPerUnitMs(summarize(scaled(pick("wallMs", s), n)).median),
        vsRaw("wallMs"),
        vsRaw("cpuMs"),
        vsRaw("heapBytes"),
      ]);
    }
  }
  const headers = ["N, under mocks", "subject", "time per Secret", "time × raw", "CPU × raw", "heap × raw"];
  return rows.length > 0 ? markdownTable(headers, rows) : undefined;
}
