/**
 * The file system side of the loaders, kept thin: what a path is and how big, which regular
 * files a directory holds, and reads that never take more than a given number of bytes into
 * memory. A failure is a rule (what is wrong, from the system error code): the caller knows
 * which argument the path is, and node's error messages, which quote the path, are dropped.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EnvFileParser, type EnvFileResult, type LookupEnv } from "./envFile";
import { MAX_DATA_BYTES } from "../validation/data";
import { DOES_NOT_EXIST } from "./problems";

/** What a path is (symbolic links followed) and its size. */
export type PathInfo = { kind: "file" | "directory" | "other"; size: number } | Failed;

/** Why a path could not be used: a rule, without the path. */
export interface Failed {
  readonly failed: string;
}

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
    return { failed: systemErrorRule(err) };
  }
}

/**
 * The regular files directly in `dir`, sorted by name. Like kubectl, everything else is skipped:
 * subdirectories, symbolic links (even to files), devices, pipes and sockets.
 */
export function listRegularFiles(dir: string): { files: DirectoryFile[] } | Failed {
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
    return { failed: systemErrorRule(err) };
  }
}

/** Reads a regular file, refusing (without reading further) once it exceeds `maxBytes`. */
export function readBounded(file: string, maxBytes: number): { bytes: Buffer } | Failed {
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
      if (total > maxBytes) return { failed: tooLargeRule(maxBytes) };
      chunks.push(chunk.subarray(0, read));
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (err) {
    return { failed: systemErrorRule(err) };
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
): { result: EnvFileResult; overBudget: boolean } | Failed {
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
    return { failed: systemErrorRule(err) };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The rule for files over the size limit together. */
export function totalRule(bytes: number): string {
  return `hold ${bytes} bytes together: all values of a Secret must be at most ${MAX_DATA_BYTES} bytes (1 MiB)`;
}

/** The rule for content over the size limit. */
export function tooLargeRule(maxBytes: number): string {
  return `is too large: all values of a Secret together must be at most 1 MiB (${maxBytes} bytes left for this file)`;
}

/**
 * A system error as a rule: its code and meaning, never its message, which quotes the path. A
 * path that does not exist gets the same rule however it fails (a missing parent, a file where
 * a directory should be, too long, a NUL byte), so the rule says nothing about what it holds.
 */
function systemErrorRule(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
    case "ENAMETOOLONG":
    case "ERR_INVALID_ARG_VALUE":
      return DOES_NOT_EXIST;
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
