/**
 * `secretData(...sources)`: the `stringData` and `data` of a Secret from env files, files and
 * directories, read when the program runs with `kubectl create secret generic` semantics
 * (`--from-env-file`, `--from-file=[key=]path`, `--from-file=dir`).
 */
import { isUtf8 } from "node:buffer";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MAX_DATA_BYTES } from "../validation/data";
import type { LookupEnv } from "./envFile";
import { inspectPath, listRegularFiles, readBounded, readEnvFile, tooLargeRule } from "./files";
import { describeType } from "./given";
import { type Entry, type FileEntry, duplicateKeys, keyRule, totalProblem } from "./entries";
import { type SourceProblem, pathTypeProblem, sourceError } from "./problems";

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
  const key: unknown = options?.key;
  if (key !== undefined && typeof key !== "string") {
    throw sourceError("kubesecret.fromFile", [
      { argument: "options.key", rule: `must be a string, not ${describeType(key)}` },
    ]);
  }
  const source = { kind: "file" as const, path: checkPath("fromFile", file) };
  return key === undefined ? source : { ...source, key };
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
 * one `pulumi.RunError` naming file, line and key but no value, before anything is registered;
 * a path is named only when it exists, else the argument is (what was given may be a value).
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

const LOADERS = { envFile: "fromEnvFile", file: "fromFile", directory: "fromDirectory" } as const;

/**
 * The values of `sources` as plain strings, or a RunError. Three passes, each ending with every
 * problem found so far: stat files and directories (nothing read), parse env files, read files.
 */
export function loadSecretData(
  sources: readonly SecretSource[],
  lookupEnv: LookupEnv = (name) => process.env[name],
): LoadedSecretData {
  checkSources(sources);
  const files = statSources(sources);
  const entries = collectEntries(sources, files, lookupEnv);
  return readEntries(entries);
}

/** How a source is named when its path is not printed: "argument 2 (fromFile)". */
function argumentOf(source: SecretSource, index: number): string {
  return `argument ${index + 1} (${LOADERS[source.kind]})`;
}

/** Problem fields for a source's own path. */
function at(source: SecretSource, index: number) {
  return { argument: argumentOf(source, index), given: source.path, loader: LOADERS[source.kind] };
}

/** Every source must be one the loaders make (a program may bypass the types), or a RunError. */
function checkSources(sources: readonly unknown[]): void {
  const problems = sources.flatMap((source, index): SourceProblem[] => {
    const { kind, path: given, key } = { ...(source as object) } as Record<string, unknown>;
    if (typeof kind !== "string" || !Object.hasOwn(LOADERS, kind)) {
      const rule = "is not a source: make one with fromEnvFile, fromFile or fromDirectory";
      return [{ argument: `argument ${index + 1}`, given: source, loader: null, rule }];
    }
    const loader = LOADERS[kind as SecretSource["kind"]];
    const argument = `argument ${index + 1} (${loader})`;
    const badKey = key !== undefined && typeof key !== "string";
    return [
      ...[pathTypeProblem(argument, given, loader)].filter((p) => p !== undefined),
      ...(badKey ? [{ argument, rule: `its key must be a string, not ${describeType(key)}` }] : []),
    ];
  });
  if (problems.length > 0) throw sourceError(SUBJECT, problems);
}

/** Per source, the files it contributes (by stat only), or a RunError. */
function statSources(sources: readonly SecretSource[]): FileEntry[][] {
  const problems: SourceProblem[] = [];
  const files = sources.map((source, index) => {
    if (source.kind !== "envFile") return listFiles(source, index, problems);
    const info = inspectPath(source.path);
    if ("failed" in info) problems.push({ ...at(source, index), rule: info.failed });
    else if (info.kind !== "file") problems.push({ ...at(source, index), rule: "is not a regular file" });
    return [];
  });
  const total = totalProblem(files.flat());
  if (total !== undefined) problems.push(total);
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
    if ("failed" in parsed) {
      problems.push({ ...at(source, index), rule: parsed.failed });
      return [];
    }
    const { result, overBudget } = parsed;
    problems.push(...result.problems.map(({ line, rule }) => ({ ...at(source, index), line, rule })));
    if (overBudget) problems.push({ ...at(source, index), rule: tooLargeRule(budget) });
    budget -= result.valueBytes;
    const argument = argumentOf(source, index);
    return result.entries.map(({ key, value, line }) => {
      const bytes = Buffer.from(value, "utf8");
      // The env file was just read, so its path names a file: printing it is safe.
      return {
        key,
        origin: `${source.path} line ${line}`,
        file: source.path,
        argument,
        line,
        bytes,
        size: bytes.length,
      };
    });
  });
  problems.push(...duplicateKeys(entries));
  if (problems.length > 0) throw sourceError(SUBJECT, problems);
  return entries;
}

/** Reads the files and splits all values into text and bytes, or a RunError. */
function readEntries(entries: readonly Entry[]): LoadedSecretData {
  const problems: SourceProblem[] = [];
  const stringData: Record<string, string> = {};
  const data: Record<string, string> = {};
  // A file may have grown since it was stat'ed: allow it what is left, then count again.
  const slack = MAX_DATA_BYTES - entries.reduce((sum, entry) => sum + entry.size, 0);
  const read = entries.flatMap((entry) => {
    const got = entry.bytes === undefined ? readBounded(entry.file, entry.size + slack) : { bytes: entry.bytes };
    if ("failed" in got) {
      problems.push({ argument: entry.argument, given: entry.file, rule: got.failed });
      return [];
    }
    if (isUtf8(got.bytes)) stringData[entry.key] = got.bytes.toString("utf8");
    else data[entry.key] = got.bytes.toString("base64");
    return [{ ...entry, size: got.bytes.length }];
  });
  const total = totalProblem(read);
  if (total !== undefined) problems.push(total);
  if (problems.length > 0) throw sourceError(SUBJECT, problems);
  return { stringData, data };
}

/** The files a file or directory source contributes, stat'ed but not read. */
function listFiles(
  source: Exclude<SecretSource, { kind: "envFile" }>,
  index: number,
  problems: SourceProblem[],
): FileEntry[] {
  const fail = (rule: string): FileEntry[] => (problems.push({ ...at(source, index), rule }), []);
  const argument = argumentOf(source, index);
  const info = inspectPath(source.path);
  if ("failed" in info) return fail(info.failed);
  if (source.kind === "file") {
    if (info.kind === "directory") return fail("is a directory: use fromDirectory()");
    if (info.kind !== "file") return fail("is not a regular file");
    const key = source.key ?? path.basename(source.path);
    // Never quote an invalid key: it may be a value passed by mistake.
    const what = source.key === undefined ? "the file name" : "options.key";
    const rule = keyRule(key);
    if (rule !== undefined) return fail(`${what} is not a valid data key: ${rule}`);
    return [{ key, file: source.path, size: info.size, argument }];
  }
  if (info.kind !== "directory") return fail("is not a directory: use fromFile()");
  const listed = listRegularFiles(source.path);
  if ("failed" in listed) return fail(listed.failed);
  const entries: FileEntry[] = [];
  const inside = `a file in ${argument}`;
  for (const file of listed.files) {
    const rule = keyRule(file.name);
    if (rule === undefined) entries.push({ key: file.name, file: file.path, size: file.size, argument: inside });
    else problems.push({ argument: inside, given: file.path, rule: `the file name is not a valid data key: ${rule}` });
  }
  return entries;
}

/** The path argument of a loader, or a RunError describing what was given instead. */
function checkPath(loader: string, file: unknown): string {
  const problem = pathTypeProblem("path", file);
  if (problem !== undefined) throw sourceError(`kubesecret.${loader}`, [problem]);
  return file as string;
}
