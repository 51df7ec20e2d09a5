/**
 * `secretData(...sources)`: the `stringData` and `data` of a Secret from env files, files and
 * directories, read when the program runs with `kubectl create secret generic` semantics
 * (`--from-env-file`, `--from-file=[key=]path`, `--from-file=dir`).
 */
import { isUtf8 } from "node:buffer";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MAX_DATA_BYTES, validateDataKey } from "../validation/data";
import type { LookupEnv } from "./envFile";
import { inspectPath, listRegularFiles, readBounded, readEnvFile, tooLargeRule } from "./files";
import { type SourceProblem, sourceError } from "./problems";

/** Where some of a Secret's values come from; made by {@link fromEnvFile}, {@link fromFile}, {@link fromDirectory}. */
export type SecretSource =
  | { readonly kind: "envFile"; readonly path: string }
  | { readonly kind: "file"; readonly path: string; readonly key?: string }
  | { readonly kind: "directory"; readonly path: string };

/** Values for a Secret's `stringData` and `data` arguments, each one a Pulumi secret. */
export interface SecretDataValues {
  /** Keys whose content is valid UTF-8, as text. */
  readonly stringData: Record<string, pulumi.Output<string>>;
  /** Keys whose content is not valid UTF-8, as canonical base64 of the exact bytes. */
  readonly data: Record<string, pulumi.Output<string>>;
}

/** The same values as plain strings (what {@link secretData} wraps as secrets). */
export interface LoadedSecretData {
  readonly stringData: Record<string, string>;
  readonly data: Record<string, string>;
}

const SUBJECT = "kubesecret.secretData";

/**
 * An env file (`kubectl create secret generic --from-env-file`): one key per `KEY=VALUE` line.
 * Blank lines and lines starting with `#` are skipped, leading whitespace and a UTF-8 BOM are
 * dropped, CRLF line ends work, and the value is everything after the first `=`, quotes
 * included. A line `KEY` without `=` takes the program's environment variable `KEY`, which
 * must be set. Keys match `[-._a-zA-Z][-._a-zA-Z0-9]*`.
 */
export function fromEnvFile(file: string): SecretSource {
  return { kind: "envFile", path: checkPath("fromEnvFile", file) };
}

/**
 * One file (`kubectl create secret generic --from-file=[key=]path`), under its base name or
 * `options.key`. Symbolic links are followed.
 */
export function fromFile(file: string, options: { key?: string } = {}): SecretSource {
  const source = { kind: "file" as const, path: checkPath("fromFile", file) };
  return options.key === undefined ? source : { ...source, key: options.key };
}

/**
 * A directory (`kubectl create secret generic --from-file=dir`): one key per regular file in
 * it, named after the file; dotfiles included. Subdirectories, symbolic links, pipes and
 * devices are skipped; a file whose name is not a valid data key is an error, as in kubectl.
 */
export function fromDirectory(dir: string): SecretSource {
  return { kind: "directory", path: checkPath("fromDirectory", dir) };
}

/**
 * Reads the sources now and returns `{ stringData, data }` for a Secret (spread it into the
 * arguments). Content that is valid UTF-8 goes to `stringData`, anything else to `data` as
 * base64; either way the stored bytes are the file's. A key set twice is an error. Problems
 * (missing files, invalid keys, more than 1 MiB, invalid env file lines) are thrown at once as
 * one `pulumi.RunError` naming file, line and key but no value, before anything is registered.
 *
 * @example
 * new kubesecret.Secret("app", {
 *   generateName: "app-",
 *   ...kubesecret.secretData(kubesecret.fromEnvFile(".env"), kubesecret.fromDirectory("certs")),
 * });
 */
export function secretData(...sources: SecretSource[]): SecretDataValues {
  const loaded = loadSecretData(sources);
  const secrets = (values: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).map(([key, value]) => [key, pulumi.secret(value)]));
  return { stringData: secrets(loaded.stringData), data: secrets(loaded.data) };
}

interface FileEntry {
  readonly key: string;
  readonly file: string;
  readonly size: number;
}

/** A key found in a source: its bytes (env files, read already) or its file's size (read last). */
interface Entry {
  readonly key: string;
  /** Where it came from, for messages: a path, or `path line N`. */
  readonly origin: string;
  readonly file: string;
  readonly line?: number;
  readonly bytes?: Buffer;
  readonly size: number;
}

/**
 * The values of `sources` as plain strings, or a RunError. Three passes, each ending with every
 * problem found so far: stat files and directories (nothing read), parse env files, read files.
 */
export function loadSecretData(
  sources: readonly SecretSource[],
  lookupEnv: LookupEnv = (name) => process.env[name],
): LoadedSecretData {
  const files = statSources(sources);
  const entries = collectEntries(sources, files, lookupEnv);
  return readEntries(sources, entries);
}

/** Per source, the files it contributes (by stat only), or a RunError. */
function statSources(sources: readonly SecretSource[]): FileEntry[][] {
  const problems: SourceProblem[] = [];
  const files = sources.map((source) => {
    if (source.kind !== "envFile") return listFiles(source, problems);
    const info = inspectPath(source.path);
    if ("problem" in info) problems.push(info.problem);
    else if (info.kind !== "file") problems.push({ file: source.path, rule: "is not a regular file" });
    return [];
  });
  const bytes = files.flat().reduce((sum, entry) => sum + entry.size, 0);
  if (bytes > MAX_DATA_BYTES) problems.push({ file: describeSources(sources), rule: totalRule(bytes) });
  if (problems.length > 0) throw sourceError(SUBJECT, problems);
  return files;
}

/** Every key in source order, env files parsed within what the files leave of 1 MiB, or a RunError. */
function collectEntries(sources: readonly SecretSource[], files: FileEntry[][], lookupEnv: LookupEnv): Entry[] {
  const problems: SourceProblem[] = [];
  let budget = MAX_DATA_BYTES - files.flat().reduce((sum, entry) => sum + entry.size, 0);
  const entries = sources.flatMap((source, index): Entry[] => {
    if (source.kind !== "envFile") return files[index]!.map((f) => ({ ...f, origin: f.file }));
    const parsed = readEnvFile(source.path, lookupEnv, budget);
    if ("problem" in parsed) {
      problems.push(parsed.problem);
      return [];
    }
    const { result, overBudget } = parsed;
    problems.push(...result.problems.map(({ line, rule }) => ({ file: source.path, line, rule })));
    if (overBudget) problems.push({ file: source.path, rule: tooLargeRule(budget) });
    budget -= result.valueBytes;
    return result.entries.map(({ key, value, line }) => {
      const bytes = Buffer.from(value, "utf8");
      return { key, origin: `${source.path} line ${line}`, file: source.path, line, bytes, size: bytes.length };
    });
  });
  problems.push(...duplicateKeys(entries));
  if (problems.length > 0) throw sourceError(SUBJECT, problems);
  return entries;
}

/** Reads the files and splits all values into text and bytes, or a RunError. */
function readEntries(sources: readonly SecretSource[], entries: readonly Entry[]): LoadedSecretData {
  const problems: SourceProblem[] = [];
  const stringData: Record<string, string> = {};
  const data: Record<string, string> = {};
  // A file may have grown since it was stat'ed: allow it what is left, then count again.
  const slack = MAX_DATA_BYTES - entries.reduce((sum, entry) => sum + entry.size, 0);
  let total = 0;
  for (const entry of entries) {
    const read = entry.bytes === undefined ? readBounded(entry.file, entry.size + slack) : { bytes: entry.bytes };
    if ("problem" in read) {
      problems.push(read.problem);
      continue;
    }
    total += read.bytes.length;
    if (isUtf8(read.bytes)) stringData[entry.key] = read.bytes.toString("utf8");
    else data[entry.key] = read.bytes.toString("base64");
  }
  if (total > MAX_DATA_BYTES) problems.push({ file: describeSources(sources), rule: totalRule(total) });
  if (problems.length > 0) throw sourceError(SUBJECT, problems);
  return { stringData, data };
}

/** The files a file or directory source contributes, stat'ed but not read. */
function listFiles(source: Exclude<SecretSource, { kind: "envFile" }>, problems: SourceProblem[]): FileEntry[] {
  const fail = (problem: SourceProblem): FileEntry[] => (problems.push(problem), []);
  const info = inspectPath(source.path);
  if ("problem" in info) return fail(info.problem);
  if (source.kind === "file") {
    if (info.kind === "directory") return fail({ file: source.path, rule: "is a directory: use fromDirectory()" });
    if (info.kind !== "file") return fail({ file: source.path, rule: "is not a regular file" });
    const key = source.key ?? path.basename(source.path);
    const what = source.key === undefined ? "the file name" : `the key "${source.key}"`;
    const rule = keyRule(key);
    if (rule !== undefined) return fail({ file: source.path, rule: `${what} is not a valid data key: ${rule}` });
    return [{ key, file: source.path, size: info.size }];
  }
  if (info.kind !== "directory") return fail({ file: source.path, rule: "is not a directory: use fromFile()" });
  const listed = listRegularFiles(source.path);
  if ("problem" in listed) return fail(listed.problem);
  const entries: FileEntry[] = [];
  for (const file of listed.files) {
    const rule = keyRule(file.name);
    if (rule === undefined) entries.push({ key: file.name, file: file.path, size: file.size });
    else problems.push({ file: file.path, rule: `the file name is not a valid data key: ${rule}` });
  }
  return entries;
}

/** Why `key` is not a valid data key (kubectl's IsConfigMapKey), or undefined. */
function keyRule(key: string): string | undefined {
  const problems = validateDataKey(key, "");
  return problems.length === 0 ? undefined : problems.map((p) => p.rule).join("; ");
}

function duplicateKeys(entries: readonly Entry[]): SourceProblem[] {
  const first = new Map<string, string>();
  const problems: SourceProblem[] = [];
  for (const entry of entries) {
    const earlier = first.get(entry.key);
    if (earlier === undefined) first.set(entry.key, entry.origin);
    else {
      const line = entry.line === undefined ? {} : { line: entry.line };
      problems.push({ file: entry.file, ...line, key: entry.key, rule: `is already set by ${earlier}` });
    }
  }
  return problems;
}

function describeSources(sources: readonly SecretSource[]): string {
  return sources.map((source) => source.path).join(", ");
}

function totalRule(bytes: number): string {
  return `hold ${bytes} bytes together: all values of a Secret must be at most ${MAX_DATA_BYTES} bytes (1 MiB)`;
}

function checkPath(loader: string, file: unknown): string {
  if (typeof file !== "string" || file === "") {
    throw sourceError(`kubesecret.${loader}`, [{ file: String(file), rule: "the path must be a non-empty string" }]);
  }
  return file;
}
