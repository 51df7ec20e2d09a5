/**
 * What a source contributes before any file is read: one entry per data key (an env file's, read
 * already, or a file's, stat'ed), and the checks across them: valid key names, no key twice, at
 * most 1 MiB of files together.
 */
import { MAX_DATA_BYTES, validateDataKey } from "../validation/data";
import { totalRule } from "./files";
import { printablePath } from "./given";
import type { SourceProblem } from "./problems";

/** A file a source contributes, stat'ed but not read. */
export interface FileEntry {
  readonly key: string;
  readonly file: string;
  readonly size: number;
  /** The argument it came from, named when its path is not printed. */
  readonly argument: string;
}

/** A key found in a source: its bytes (env files, read already) or its file's size (read last). */
export interface Entry extends FileEntry {
  /** Where it came from, for messages: a path that was read, or `path line N`. */
  readonly origin: string;
  readonly line?: number;
  readonly bytes?: Buffer;
}

/** Why `key` is not a valid data key (kubectl's IsConfigMapKey), or undefined. */
export function keyRule(key: string): string | undefined {
  const problems = validateDataKey(key, "");
  return problems.length === 0 ? undefined : problems.map((p) => p.rule).join("; ");
}

/** A problem for each key set again, naming where it was set first. */
export function duplicateKeys(entries: readonly Entry[]): SourceProblem[] {
  const first = new Map<string, string>();
  const problems: SourceProblem[] = [];
  for (const entry of entries) {
    const earlier = first.get(entry.key);
    if (earlier === undefined) first.set(entry.key, entry.origin);
    else {
      const line = entry.line === undefined ? {} : { line: entry.line };
      problems.push({
        argument: entry.argument,
        given: entry.file,
        ...line,
        key: entry.key,
        rule: `is already set by ${earlier}`,
      });
    }
  }
  return problems;
}

/** The problem of files over 1 MiB together, naming the largest (a path that was stat'ed), or undefined. */
export function totalProblem(files: readonly FileEntry[]): SourceProblem | undefined {
  const bytes = files.reduce((sum, entry) => sum + entry.size, 0);
  if (bytes <= MAX_DATA_BYTES) return undefined;
  const largest = files.reduce((a, b) => (b.size > a.size ? b : a));
  return {
    argument: "all sources",
    rule: `${totalRule(bytes)}; the largest is ${printablePath(largest.file)} (${largest.size} bytes)`,
  };
}
