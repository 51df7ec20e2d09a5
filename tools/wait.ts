/** Waiting: a pause, and polling until a check passes. */

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface PollOptions {
  /** Give up after this long (default 30 s); ignored when `deadline` is given. */
  timeoutMs?: number;
  /** Give up at this `Date.now()` value. */
  deadline?: number;
  /** Pause between tries (default 200 ms). */
  intervalMs?: number;
  /** Asked before every try: an error returned here ends the wait at once (e.g. a process died). */
  fatal?: () => Error | undefined;
  /** More words for the timeout error (e.g. the tail of a log). */
  detail?: () => string;
}

/** What a truthy check result can be. */
export type Truthy<T> = Exclude<T, undefined | null | false | "" | 0>;

/**
 * Calls `check` until it returns something truthy, and returns that. A throwing check counts as
 * "not yet"; its last error is named in the timeout error.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T> | T,
  options: number | PollOptions = {},
): Promise<Truthy<T>> {
  const opts = typeof options === "number" ? { timeoutMs: options } : options;
  const deadline = opts.deadline ?? Date.now() + (opts.timeoutMs ?? 30_000);
  let last: unknown;
  for (;;) {
    const fatal = opts.fatal?.();
    if (fatal) throw fatal;
    try {
      const value = await check();
      if (value) return value as Truthy<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const why = last === undefined ? "" : ` (last error: ${last instanceof Error ? last.message : String(last)})`;
      const detail = opts.detail?.();
      throw new Error(`timed out: ${what}${why}${detail ? `\n${detail}` : ""}`);
    }
    await sleep(opts.intervalMs ?? 200);
  }
}
