/** Number formats and the Markdown table the report and the console share. */
import type { Summary } from "../stats.ts";

// Shared with the compatibility page; pure, so imported directly rather than through environment.ts.
export { formatBytes, markdownTable } from "../../tools/format.ts";

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

/** Ratios' "median (min–max)": "2.45× (2.40–2.51×)". */
export function formatRatioSummary(summary: Summary): string {
  return formatSummary(summary, formatRatio);
}
