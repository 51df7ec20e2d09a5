import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median, pairedRatio, rotate, scaled, summarize } from "../../bench/stats.ts";

const samples = fc.array(fc.double({ min: 0.001, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 30 });

describe("summarize", () => {
  it("puts the median between min and max, which are the extremes of the samples", () => {
    fc.assert(
      fc.property(samples, (xs) => {
        const s = summarize(xs);
        expect(s.min).toBe(Math.min(...xs));
        expect(s.max).toBe(Math.max(...xs));
        expect(s.median).toBeGreaterThanOrEqual(s.min);
        expect(s.median).toBeLessThanOrEqual(s.max);
        expect(s.count).toBe(xs.length);
      }),
    );
  });

  it("does not depend on the order of the samples", () => {
    fc.assert(
      fc.property(samples, fc.nat(), (xs, k) => {
        expect(summarize(rotate(xs, k))).toEqual(summarize(xs));
        expect(summarize([...xs].reverse())).toEqual(summarize(xs));
      }),
    );
  });

  it("takes the middle sample of an odd count and the mean of the middle two of an even count", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it("fails when there are no samples", () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });

  it("fails when a sample is not a finite number", () => {
    expect(() => summarize([1, Number.NaN])).toThrow(/finite/);
    expect(() => summarize([1, Number.POSITIVE_INFINITY])).toThrow(/finite/);
  });
});

describe("pairedRatio", () => {
  it("is 1 for a side against itself and k for a side scaled by k", () => {
    fc.assert(
      fc.property(samples, fc.double({ min: 0.01, max: 100, noNaN: true }), (xs, k) => {
        expect(pairedRatio(xs, xs)).toEqual({ median: 1, min: 1, max: 1, count: xs.length });
        const r = pairedRatio(
          xs.map((x) => x * k),
          xs,
        );
        expect(r.median).toBeCloseTo(k, 9);
        expect(r.min).toBeCloseTo(k, 9);
      }),
    );
  });

  it("pairs round i with round i rather than comparing medians", () => {
    // Round 2 was slow for both sides: per-round ratios are all 2.
    expect(pairedRatio([2, 20, 4], [1, 10, 2])).toEqual({ median: 2, min: 2, max: 2, count: 3 });
  });

  it("fails when the sides have a different number of rounds", () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(/differ in length/);
  });

  it("fails when a baseline sample is not positive", () => {
    expect(() => pairedRatio([1], [0])).toThrow(/positive/);
  });
});

describe("scaled and rotate", () => {
  it("divides every sample", () => {
    expect(scaled([10, 20], 10)).toEqual([1, 2]);
  });

  it("fails when the divisor is not positive", () => {
    expect(() => scaled([1], 0)).toThrow(/positive/);
  });

  it("rotates into a permutation that starts at the k-th item, wrapping around", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: -50, max: 50 }),
        (xs, k) => {
          const r = rotate(xs, k);
          expect([...r].sort()).toEqual([...xs].sort());
          expect(r[0]).toBe(xs[((k % xs.length) + xs.length) % xs.length]);
          expect(rotate(xs, k + xs.length)).toEqual(r);
        },
      ),
    );
    expect(rotate([], 3)).toEqual([]);
  });
});
