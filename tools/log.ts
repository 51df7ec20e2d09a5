/** Progress messages of the dev tools, and durations as people read them. */

/** Receives one progress line (no trailing newline). */
export type Log = (message: string) => void;

/** What callers pass: a function, `false` for silence, or nothing for the default. */
export type LogOption = Log | false | undefined;

/** The logger for `log`: the caller's function, a no-op for `false`, else `[prefix] message` lines on stderr. */
export function makeLogger(log: LogOption, prefix: string): Log {
  if (log === false) return () => {};
  if (typeof log === "function") return log;
  return (message) => process.stderr.write(`[${prefix}] ${message}\n`);
}

/** A duration in seconds with one decimal: `secs(1234)` is `1.2s`. */
export function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
