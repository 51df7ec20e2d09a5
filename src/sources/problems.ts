/**
 * Problems found while loading values from files, and the error that reports them. Like the
 * components' problems they carry names only (file, line, key, rule), never file content.
 */
import * as pulumi from "@pulumi/pulumi";

/** One thing wrong with a file source. */
export interface SourceProblem {
  /** The path as the program gave it (or a directory entry under it). */
  readonly file: string;
  /** 1-based line number, for env files. */
  readonly line?: number;
  /** The data key concerned, when it is a valid name (an invalid one could be a value). */
  readonly key?: string;
  readonly rule: string;
}

/** Most problems listed in one error; the rest are counted. */
const MAX_LISTED = 20;

/** Renders problems as one message, one line per problem. */
export function describeSourceProblems(subject: string, problems: readonly SourceProblem[]): string {
  const lines = problems.slice(0, MAX_LISTED).map((p) => {
    const line = p.line === undefined ? "" : ` line ${p.line}`;
    const key = p.key === undefined ? "" : ` (key "${p.key}")`;
    return `  - ${p.file}${line}${key}: ${p.rule}`;
  });
  if (problems.length > MAX_LISTED) lines.push(`  - … and ${problems.length - MAX_LISTED} more`);
  return `${subject}: cannot load secret values from files; nothing was created:\n${lines.join("\n")}`;
}

/**
 * The error for unusable files: a RunError, so Pulumi prints the message without a JavaScript
 * stack, thrown before any resource is registered.
 */
export function sourceError(subject: string, problems: readonly SourceProblem[]): pulumi.RunError {
  return new pulumi.RunError(describeSourceProblems(subject, problems));
}
