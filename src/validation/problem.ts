/**
 * A validation finding. It names where the problem is and what is allowed, and by construction
 * carries no value: validators only ever put field names, key names and rules in it.
 */
export interface Problem {
  /** The argument path, e.g. `args.labels` or `args.registries[1].server`. */
  readonly field: string;
  /** The data, label or annotation key concerned, when there is one. */
  readonly key?: string;
  /** What is wrong and what is allowed. */
  readonly rule: string;
}

/** Renders problems as one message, one line per problem; `consequence` says what happened. */
export function describeProblems(subject: string, problems: readonly Problem[], consequence: string): string {
  const lines = problems.map((p) => `  - ${p.field}${p.key === undefined ? "" : ` (key "${p.key}")`}: ${p.rule}`);
  return `${subject} has invalid arguments; ${consequence}:\n${lines.join("\n")}`;
}
