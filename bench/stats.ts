/**
 * The statistics every figure of the bench goes through: the median of several rounds with the
 * smallest and largest sample beside it, and ratios taken pair by pair (round i of one side
 * against round i of the other), since the pairs ran next to each other and share their noise.
 */

/** Median, smallest and largest of a set of samples. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  count: number;
}

/** The median of `samples` (the mean of the middle two for an even count). */
export function median(samples: readonly number[]): number {
  return summarize(samples).median;
}

/** Median, min and max of `samples`; fails when there are none or one is not a finite number. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error("no samples to summarize");
  if (!samples.every(Number.isFinite)) throw new Error(`samples must be finite numbers: ${samples.join(", ")}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const med = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median: med, min: sorted[0]!, max: sorted[sorted.length - 1]!, count: sorted.length };
}

/**
 * `subject[i] / baseline[i]` for every round, summarized. Fails when the two sides have a
 * different number of rounds or a baseline sample is not positive.
 */
export function pairedRatio(subject: readonly number[], baseline: readonly number[]): Summary {
  if (subject.length !== baseline.length) {
    throw new Error(`paired samples differ in length: ${subject.length} vs ${baseline.length}`);
  }
  if (!baseline.every((b) => b > 0)) throw new Error("a ratio needs positive baseline samples");
  return summarize(subject.map((s, i) => s / baseline[i]!));
}

/** Each sample divided by `divisor` (e.g. a duration per Secret). */
export function scaled(samples: readonly number[], divisor: number): number[] {
  if (!(divisor > 0)) throw new Error(`divisor must be positive, got ${divisor}`);
  return samples.map((s) => s / divisor);
}

/** `items` rotated left by `by` places, so that each round starts with a different side. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const k = ((by % items.length) + items.length) % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
