/**
 * The file system side of the loaders, kept thin: what a path is and how big, which regular
 * files a directory holds, and reads that never take more than a given number of bytes into
 * memory. Failures become {@link SourceProblem}s naming the path and the system error code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EnvFileParser, type EnvFileResult, type LookupEnv } from "./envFile";
import type { SourceProblem } from "./problems";

/** What a path is (symbolic links followed) and its size. */
export type PathInfo = { kind: "file" | "directory" | "other"; size: number } | { problem: SourceProblem };

/** A regular file in a directory: its name (the data key) and size. */
export interface DirectoryFile {
  readonly name: string;
  readonly path: string;
  readonly size: number;
}

const READ_CHUNK = 64 * 1024;

/** Stats `file` (following symbolic links, as kubectl does). */
export function inspectPath(file: string): PathInfo {
  try {
    const stat = fs.statSync(file);
    return { kind: stat.isFile() ? "file" : stat.isDirectory() ? "directory" : "other", size: stat.size };
  } catch (err) {
    return { problem: { file, rule: systemErrorRule(err) } };
  }
}

/**
 * The regular files directly in `dir`, sorted by name. Like kubectl, everything else is skipped:
 * subdirectories, symbolic links (even to files), devices, pipes and sockets.
 */
export function listRegularFiles(dir: string): { files: DirectoryFile[] } | { problem: SourceProblem } {
  try {
    const files = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort(compareBytewise)
      .map((name) => {
        const file = path.join(dir, name);
        return { name, path: file, size: fs.lstatSync(file).size };
      });
    return { files };
  } catch (err) {
    return { problem: { file: dir, rule: systemErrorRule(err) } };
  }
}

/** Reads a regular file, refusing (without reading further) once it exceeds `maxBytes`. */
export function readBounded(file: string, maxBytes: number): { bytes: Buffer } | { problem: SourceProblem } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(READ_CHUNK, maxBytes - total + 1));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) return { problem: { file, rule: tooLargeRule(maxBytes) } };
      chunks.push(chunk.subarray(0, read));
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (err) {
    return { problem: { file, rule: systemErrorRule(err) } };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Parses an env file chunk by chunk; stops reading once its values exceed `maxValueBytes`
 * (then `overBudget` is set and the result is partial).
 */
export function readEnvFile(
  file: string,
  lookupEnv: LookupEnv,
  maxValueBytes: number,
): { result: EnvFileResult; overBudget: boolean } | { problem: SourceProblem } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const parser = new EnvFileParser(lookupEnv);
    const chunk = Buffer.alloc(READ_CHUNK);
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      parser.push(chunk.subarray(0, read));
      if (parser.valueBytes > maxValueBytes) return { result: parser.end(), overBudget: true };
      if (parser.hasStopped) break;
    }
    const result = parser.end();
    return { result, overBudget: result.valueBytes > maxValueBytes };
  } catch (err) {
    return { problem: { file, rule: systemErrorRule(err) } };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The rule for content over the size limit. */
export function tooLargeRule(maxBytes: number): string {
  return `is too large: all values of a Secret together must be at most 1 MiB (${maxBytes} bytes left for this file)`;
}

/** A system error as a rule: its code and meaning, never a path or content beyond the caller's. */
function systemErrorRule(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "does not exist";
    case "ENOTDIR":
      return "does not exist (a parent is not a directory)";
    case "EACCES":
    case "EPERM":
      return `cannot be read: permission denied (${code})`;
    case "ELOOP":
      return "cannot be read: too many levels of symbolic links (ELOOP)";
    case "EISDIR":
      return "is a directory";
    default:
      return `cannot be read (${code ?? "unknown error"})`;
  }
}

/** Orders names by their UTF-8 bytes, as Go's os.ReadDir does. */
function compareBytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
