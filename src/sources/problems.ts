/**
 * Problems found while loading values from files, and the error that reports them. Like the
 * components' problems they carry names only (argument, path, line, key, rule), never file
 * content; a path is printed only when it names something that exists (see ./given).
 */
import * as pulumi from "@pulumi/pulumi";
import { describeGiven, namesSomethingThatExists, printablePath } from "./given";

/** One thing wrong with a file source. */
export interface SourceProblem {
  /** The argument concerned ("cert", "argument 2 (fromFile)"), printed when its path is not. */
  readonly argument: string;
  /**
   * What the program gave as the path (or a directory entry under it), unchecked: it may be a
   * value passed by mistake. Absent for a problem about no single path (the total size).
   */
  readonly given?: unknown;
  /** The loader whose path argument it is, for hints: the subject's by default, none when null. */
  readonly loader?: string | null;
  /** 1-based line number, for env files. */
  readonly line?: number;
  /** The data key concerned, when it is a valid name (an invalid one could be a value). */
  readonly key?: string;
  readonly rule: string;
}

/** The rule of a path naming nothing; reads "nothing exists at the given path" when not printed. */
export const DOES_NOT_EXIST = "does not exist";

/** Most problems listed in one error; the rest are counted. */
const MAX_LISTED = 20;

/**
 * Renders problems as one message, one line per problem. A path is printed only when `exists`
 * says it names something; otherwise the argument is named and what was given is described.
 */
export function describeSourceProblems(
  subject: string,
  problems: readonly SourceProblem[],
  exists: (given: unknown) => given is string = namesSomethingThatExists,
): string {
  const lines = problems.slice(0, MAX_LISTED).map((p) => {
    const line = p.line === undefined ? "" : ` line ${p.line}`;
    const key = p.key === undefined ? "" : ` (key "${p.key}")`;
    if (!("given" in p)) return `  - ${p.argument}${line}${key}: ${p.rule}`;
    if (exists(p.given)) return `  - ${printablePath(p.given)}${line}${key}: ${p.rule}`;
    const rule = p.rule === DOES_NOT_EXIST ? "nothing exists at the given path" : p.rule;
    const loader = p.loader ?? subject.replace(/^kubesecret\./, "");
    return `  - ${p.argument}${line}${key}: ${rule} (${describeGiven(p.given, loader)})`;
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

/** The problem of a path argument that is not a non-empty string, or undefined when it is one. */
export function pathTypeProblem(argument: string, given: unknown, loader?: string | null): SourceProblem | undefined {
  if (typeof given === "string" && given !== "") return undefined;
  return { argument, given, ...(loader === undefined ? {} : { loader }), rule: "must be a non-empty path string" };
}
