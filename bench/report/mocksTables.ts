/**
 * The report's tables of program evaluation under Pulumi's mocks: every figure is the median of
 * the rounds with min and max beside it, every ratio is taken round by round against the same
 * round's raw Secret.
 */
import { KUBESECRET_CLASSES, type BenchResults, type MockSeries, type Subject } from "../schema.ts";
import { pairedRatio, scaled, summarize } from "../stats.ts";
import {
  formatBytes,
  formatMs,
  formatPerUnitMs,
  formatRatio,
  formatSummary,
  markdownTable,
  formatRatioSummary,
} from "./format.ts";

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
      const vsRaw = (key: Metric) =>
        raw && s !== raw ? formatRatioSummary(pairedRatio(pick(key, s), pick(key, raw))) : "";
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
