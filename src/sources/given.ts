/**
 * What a loader was given where a path belongs, told without echoing it. A program that passes a
 * file's content, a password from the environment or a Buffer where a path is expected must not
 * see that value in an error (CI logs keep errors), so a path is printed only when it names
 * something that exists; anything else is described by its type, length, line count and what it
 * looks like, never by any part of its text, bytes or a hash of them.
 */
import * as fs from "node:fs";

/** Longer than any path Linux or macOS accepts (PATH_MAX is 4096 on Linux, 1024 on macOS). */
const LONGER_THAN_A_PATH = 4096;

const PEM = /-----BEGIN [A-Z0-9 ]+-----/;
// Control characters, line and paragraph separators, or surrounding whitespace: such a path is
// printed as a JSON string, so it cannot break the message's one-problem-per-line layout.
const NEEDS_QUOTING = /[\p{Cc}\u2028\u2029]|^\s|\s$/u;

/** Whether `given` is a path naming a directory entry that exists (a dangling link counts). */
export function namesSomethingThatExists(given: unknown): given is string {
  if (typeof given !== "string" || given === "") return false;
  try {
    return fs.lstatSync(given, { throwIfNoEntry: false }) !== undefined;
  } catch {
    // EACCES, ENAMETOOLONG, a NUL byte…: nothing known to exist there.
    return false;
  }
}

/** An existing path as printed: as given, or as a JSON string when it has control characters. */
export function printablePath(file: string): string {
  return NEEDS_QUOTING.test(file) ? JSON.stringify(file) : file;
}

/**
 * `given` described without any of its content: "a string of 1,704 characters, 28 lines; it
 * looks like PEM content, not a path: tlsFromFiles takes file paths, not their contents".
 * `loader` names the function in the hint (none when null).
 */
export function describeGiven(given: unknown, loader: string | null): string {
  if (typeof given === "string") return describeString(given, loader);
  if (given instanceof Uint8Array) {
    const kind = Buffer.isBuffer(given) ? "Buffer" : "Uint8Array";
    const looks = looksLike(Buffer.from(given.buffer, given.byteOffset, given.byteLength).toString("latin1"));
    const hint = looks === undefined ? "" : `; it looks like ${looks}`;
    const takes = loader === null ? "" : `: ${loader} takes a file path as a string`;
    return `a ${kind} of ${count(given.byteLength, "byte")}${hint}${takes}`;
  }
  return typeName(given);
}

function describeString(text: string, loader: string | null): string {
  if (text === "") return "an empty string";
  const contents = loader === null ? "" : `: ${loader} takes file paths, not their contents`;
  const size = `a string of ${count([...text].length, "character")}, ${count(lineCount(text), "line")}`;
  const looks = looksLike(text);
  if (looks !== undefined) return `${size}; it looks like ${looks}, not a path${contents}`;
  if (text.length > LONGER_THAN_A_PATH) return `${size}; longer than any path${contents}`;
  const lineBreaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  if (lineBreaks === 1 && /(\r\n|\r|\n)$/.test(text))
    return `${size}; it ends with a line break, which a path rarely has`;
  if (lineBreaks > 0) return `${size}; it has line breaks: file content rather than a path?`;
  if (/\0/.test(text)) return `${size}; it holds a NUL character, which no path can`;
  if (/\p{Cc}/u.test(text)) return `${size}; it holds control characters, which a path rarely has`;
  const space = /^\s|\s$/.test(text) ? "; it starts or ends with whitespace" : "";
  return `${size}${space}; relative paths resolve against the working directory ${printablePath(process.cwd())}`;
}

/** What `text` looks like when it is plainly content, or undefined. */
function looksLike(text: string): string | undefined {
  if (PEM.test(text)) return "PEM content";
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed)) {
    try {
      JSON.parse(trimmed);
      return "JSON content";
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Lines as an editor counts them: a final line break does not start another line. */
function lineCount(text: string): number {
  const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  return breaks + (/(\r\n|\r|\n)$/.test(text) ? 0 : 1);
}

/** The type of any value, never its value (a number may be a PIN), for arguments that are not paths. */
export function describeType(given: unknown): string {
  if (typeof given === "string") return given === "" ? "an empty string" : "a string";
  if (given instanceof Uint8Array) return `a ${Buffer.isBuffer(given) ? "Buffer" : "Uint8Array"}`;
  return typeName(given);
}

/** The type of a value that is neither a string nor bytes; never its value (a number may be a PIN). */
function typeName(given: unknown): string {
  if (given === undefined) return "undefined";
  if (given === null) return "null";
  if (Array.isArray(given)) return `an array of ${count(given.length, "item")}`;
  if (given instanceof URL) return "a URL object";
  if (given instanceof ArrayBuffer) return `an ArrayBuffer of ${count(given.byteLength, "byte")}`;
  const type = typeof given;
  return type === "object" ? "an object" : `a ${type}`;
}

function count(n: number, unit: string): string {
  return `${n.toLocaleString("en-US")} ${unit}${n === 1 ? "" : "s"}`;
}
