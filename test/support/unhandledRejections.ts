/**
 * Unhandled rejections a test provokes on purpose, captured by that test alone. A value that fails
 * validation only when it resolves makes the child's registration fail, which the SDK reports as
 * an unhandled rejection (the CLI turns it into a failed update). While a listener of our own is
 * installed, vitest leaves the event to it; outside these tests every unhandled error fails the run.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "vitest";

/** How long the first rejection may take once `run` is done, and the quiet that ends them. */
const ARRIVAL_MS = 10_000;
const QUIET_MS = 200;

/**
 * Runs `run` with unhandled rejections captured until they stop arriving, and returns them (each
 * as its message and stack). With `awaitOne`, waits up to {@link ARRIVAL_MS} for the first.
 */
export async function captureUnhandledRejections(run: () => Promise<void>, awaitOne = false): Promise<string[]> {
  const seen: string[] = [];
  const listener = (reason: unknown) => {
    seen.push(reason instanceof Error ? `${reason.message}\n${reason.stack ?? ""}` : String(reason));
  };
  process.on("unhandledRejection", listener);
  try {
    await run();
    const deadline = Date.now() + (awaitOne ? ARRIVAL_MS : 0);
    while (seen.length === 0 && Date.now() < deadline) await sleep(10);
    let count = -1;
    while (count !== seen.length) {
      count = seen.length;
      await sleep(QUIET_MS);
    }
  } finally {
    process.off("unhandledRejection", listener);
  }
  return seen;
}

/**
 * Runs `run`, asserts it provoked at least one unhandled rejection and that every one matches
 * `expected` (a pattern, or text it contains; any other unhandled rejection fails the test).
 * Returns them, for the caller's assertions on what they must not contain.
 */
export async function expectUnhandledRejections(
  run: () => Promise<void>,
  expected: RegExp | string,
): Promise<string[]> {
  const seen = await captureUnhandledRejections(run, true);
  expect(seen.length, "unhandled rejections the test provokes").toBeGreaterThan(0);
  for (const message of seen) expect(message).toMatch(expected);
  return seen;
}
