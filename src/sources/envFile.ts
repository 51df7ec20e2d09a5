/**
 * Env file parsing with `kubectl create secret --from-env-file` semantics (k8s.io/kubectl
 * pkg/cmd/util/env_file.go, v1.36), as pure functions over bytes:
 *
 * - lines end at `\n`; one `\r` before it (or at the end of the file) is dropped;
 * - every line must be valid UTF-8, comment lines included;
 * - a UTF-8 BOM is dropped from the first line only;
 * - leading whitespace (Unicode `White_Space`) is dropped; then an empty line or one starting
 *   with `#` is skipped;
 * - `KEY=VALUE` splits at the first `=`; the value is kept as is: quotes, trailing spaces,
 *   `#` and further `=` are part of it;
 * - a line without `=` is a key whose value is the environment variable of that name, as in
 *   kubectl and `docker run --env-file`;
 * - keys match `[-._a-zA-Z][-._a-zA-Z0-9]*`, are at most 253 characters and are not `.`, `..`
 *   or `..`-prefixed.
 *
 * Two deliberate differences, both refusing input kubectl accepts: kubectl's line reader
 * (bufio.Scanner) stops silently at a line of 64 KiB or more and ignores the rest of the file,
 * here such a line is an error; and a line without `=` naming an unset variable is an error,
 * where kubectl stores an empty value: such a line is more often a stray value (the second line
 * of a quoted multi-line value, which env files do not have) than a variable meant to be empty,
 * and its text would become a visible key name.
 */
import { isUtf8 } from "node:buffer";
import { MAX_DATA_KEY_LENGTH } from "../validation/data";

/** The longest env file line kubectl reads (bufio.MaxScanTokenSize − 1), `\r` included. */
export const MAX_ENV_LINE_BYTES = 64 * 1024 - 1;

/** A key and its value from one line. */
export interface EnvEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based line number. */
  readonly line: number;
}

/** A line that cannot be used. Carries no text of the line: it may hold a value. */
export interface EnvLineProblem {
  /** 1-based line number. */
  readonly line: number;
  readonly rule: string;
  /** Set for a line too long for kubectl, which would ignore it and every line after it. */
  readonly tooLong?: true;
}

/** Looks up an environment variable, for lines without `=`; undefined when it is not set. */
export type LookupEnv = (name: string) => string | undefined;

const UTF8_BOM = "\uFEFF";
// Go's unicode.IsSpace: the Unicode White_Space property (JavaScript's \s differs: it has U+FEFF
// and lacks U+0085).
const LEADING_WHITESPACE = /^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/;
const ENV_KEY = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Why `key` cannot be an env file key, or undefined when it can. Never quotes the key. */
export function envKeyRule(key: string): string | undefined {
  if (!ENV_KEY.test(key)) {
    return "must start with a letter, '-', '_' or '.' and contain only letters, digits, '-', '_' and '.'";
  }
  if (key.length > MAX_DATA_KEY_LENGTH) return `must be at most ${MAX_DATA_KEY_LENGTH} characters`;
  if (key === "." || key === ".." || key.startsWith("..")) return "must not be '.' or '..' or start with '..'";
  return undefined;
}

/** The result of one line: nothing (blank or comment), an entry, or a problem. */
export type EnvLine = { kind: "skip" } | ({ kind: "entry" } & EnvEntry) | ({ kind: "problem" } & EnvLineProblem);

/** Parses one line (without its `\n`; a trailing `\r` is dropped here). `line` is 1-based. */
export function parseEnvLine(bytes: Uint8Array, line: number, lookupEnv: LookupEnv): EnvLine {
  const content = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.subarray(0, -1) : bytes;
  if (!isUtf8(content)) return { kind: "problem", line, rule: "is not valid UTF-8" };
  let text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString("utf8");
  if (line === 1 && text.startsWith(UTF8_BOM)) text = text.slice(UTF8_BOM.length);
  text = text.replace(LEADING_WHITESPACE, "");
  if (text === "" || text.startsWith("#")) return { kind: "skip" };
  const separator = text.indexOf("=");
  const key = separator < 0 ? text : text.slice(0, separator);
  const keyRule = envKeyRule(key);
  if (keyRule !== undefined) {
    const where = separator < 0 ? "has no '=' and is not a valid key name: a key" : "has an invalid key: a key";
    return { kind: "problem", line, rule: `${where} ${keyRule}` };
  }
  const value = separator < 0 ? lookupEnv(key) : text.slice(separator + 1);
  if (value === undefined) {
    const rule = "has no '=' and names no set environment variable (a value on a line of its own?)";
    return { kind: "problem", line, rule: `${rule}: kubectl would store an empty value under the line's text` };
  }
  return { kind: "entry", key, value, line };
}

/** The entries and problems of an env file, and the UTF-8 bytes of all its values. */
export interface EnvFileResult {
  readonly entries: EnvEntry[];
  readonly problems: EnvLineProblem[];
  readonly valueBytes: number;
}

/**
 * Parses an env file fed in chunks, holding only the current line and the values: memory stays
 * bounded by the values' size however long the file is.
 */
export class EnvFileParser {
  private readonly entries: EnvEntry[] = [];
  private readonly problems: EnvLineProblem[] = [];
  private pending: Buffer = Buffer.alloc(0);
  private line = 0;
  private stopped = false;
  private bytes = 0;

  constructor(private readonly lookupEnv: LookupEnv) {}

  /** The UTF-8 bytes of the values parsed so far. */
  get valueBytes(): number {
    return this.bytes;
  }

  /** Whether a line too long for kubectl ended the parse. */
  get hasStopped(): boolean {
    return this.stopped;
  }

  /** Parses every complete line in `chunk` (with what was left of earlier chunks). */
  push(chunk: Uint8Array): void {
    if (this.stopped) return;
    let data = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    for (let newline = data.indexOf(0x0a); newline >= 0; newline = data.indexOf(0x0a)) {
      this.take(data.subarray(0, newline));
      data = data.subarray(newline + 1);
      if (this.stopped) return;
    }
    if (data.length > MAX_ENV_LINE_BYTES) {
      this.stopTooLong();
      return;
    }
    this.pending = Buffer.from(data);
  }

  /** Parses the last line (one without `\n`) and returns everything found. */
  end(): EnvFileResult {
    if (!this.stopped && this.pending.length > 0) this.take(this.pending);
    this.pending = Buffer.alloc(0);
    return { entries: [...this.entries], problems: [...this.problems], valueBytes: this.bytes };
  }

  private take(bytes: Buffer): void {
    if (bytes.length > MAX_ENV_LINE_BYTES) {
      this.stopTooLong();
      return;
    }
    this.line += 1;
    const parsed = parseEnvLine(bytes, this.line, this.lookupEnv);
    if (parsed.kind === "entry") {
      this.entries.push({ key: parsed.key, value: parsed.value, line: parsed.line });
      this.bytes += Buffer.byteLength(parsed.value, "utf8");
    } else if (parsed.kind === "problem") {
      this.problems.push({ line: parsed.line, rule: parsed.rule });
    }
  }

  private stopTooLong(): void {
    this.stopped = true;
    this.problems.push({
      line: this.line + 1,
      rule: `is longer than ${MAX_ENV_LINE_BYTES} bytes (kubectl would silently ignore it and every line after it)`,
      tooLong: true,
    });
  }
}

/** Parses a whole env file held in memory. */
export function parseEnvFile(bytes: Uint8Array, lookupEnv: LookupEnv): EnvFileResult {
  const parser = new EnvFileParser(lookupEnv);
  parser.push(bytes);
  return parser.end();
}
