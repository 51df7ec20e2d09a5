/** Number formats and the Markdown table the report and the console share. */
import type { Summary } from "../stats.ts";

/** A duration: "850 ms", "7.1 s". */
export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(ms < 100_000 ? 1 : 0)} s`;
}

/** A small duration per unit: "0.31 ms", "35 ms". */
export function formatPerUnitMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  return formatMs(ms);
}

/** Bytes in decimal units: "2.8 kB", "61.9 MB". */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs < 1000) return `${bytes.toFixed(0)} B`;
  if (abs < 1e6) return `${(bytes / 1e3).toFixed(abs < 1e4 ? 2 : 1)} kB`;
  if (abs < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** A ratio: "2.45×". */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

const NUMBER_AND_UNIT = /^(-?[\d.]+)(\s?)(\D*)$/;

/**
 * "median (min–max)", the unit written once when min and max share it ("7.1 s (6.9–7.4 s)"), or
 * only the median when there is one sample or min and max print the same.
 */
export function formatSummary(summary: Summary, format: (value: number) => string): string {
  const median = format(summary.median);
  if (summary.count === 1) return median;
  const [min, max] = [format(summary.min), format(summary.max)];
  if (min === max) return median;
  const [lo, hi] = [NUMBER_AND_UNIT.exec(min), NUMBER_AND_UNIT.exec(max)];
  if (lo && hi && lo[3] === hi[3] && lo[2] === hi[2]) return `${median} (${lo[1]}–${hi[1]}${hi[2]}${hi[3]})`;
  return `${median} (${min}–${max})`;
}

/** A Markdown table; `|` in cells is escaped. The first column is left-aligned, the rest right. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  for (const row of rows) {
    if (row.length !== headers.length) throw new Error(`a row has ${row.length} cells, the header ${headers.length}`);
  }
  const cell = (text: string) => text.replaceAll("|", "\\|");
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  const rule = `|${headers.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}
