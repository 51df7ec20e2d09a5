/**
 * The report's tables of the real engine (each operation's time, the API floor, the state): every
 * figure is the median of the rounds with min and max beside it, every ratio is taken round by
 * round against the same round's baseline.
 */
import type { BenchResults, EngineProgram } from "../schema.ts";
import { pairedRatio, scaled, summarize } from "../stats.ts";
import { formatBytes, formatMs, formatRatio, formatSummary, markdownTable, formatRatioSummary } from "./format.ts";

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
      row.push(formatRatioSummary(pairedRatio(bareMs!, rawMs!)));
      for (const side of sides.slice(2)) {
        const ms = of(side)!;
        row.push(formatRatioSummary(pairedRatio(ms, rawMs!)), formatRatioSummary(pairedRatio(ms, bareMs!)));
        if (side.baseline) row.push(formatRatioSummary(pairedRatio(ms, of(side.baseline)!)));
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
        ...samples.map((x) => formatRatioSummary(pairedRatio(x!, floorMs))),
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
        isRaw ? "" : formatRatioSummary(pairedRatio(s.checkpointBytes, raw.checkpointBytes)),
        formatSummary(summarize(s.perSecretEntryBytes), formatBytes),
        isRaw ? "" : formatRatioSummary(pairedRatio(s.perSecretEntryBytes, raw.perSecretEntryBytes)),
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
