/** Text for POSIX shells. */

/** `value` as one shell word: single-quoted, each embedded `'` written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** An `export NAME='value'` line for `eval "$(…)"`; fails when `name` is not a variable name. */
export function exportLine(name: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a shell variable name: ${JSON.stringify(name)}`);
  return `export ${name}=${shellQuote(value)}`;
}
