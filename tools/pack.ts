/**
 * The library under test, as a user gets it: an `npm pack` tarball. A spec names which version:
 *   "." (or "working-tree")  the working tree as it is now, packed from a copy (bin/ untouched)
 *   a path ending in .tgz    that tarball as it is
 *   anything else            a git ref (commit, branch, tag), packed from `git archive`; the
 *                            tarball is cached by commit under the bench's cache directory
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type SpecKind = "working-tree" | "git" | "tarball";

/** One packed version of the library: what the bench's result file and the compat page record of it. */
export interface LibraryInfo {
  /** Short id used in program names and labels: "working-tree", a short commit, or a tarball's name. */
  id: string;
  /** How the tarball was made. */
  source: SpecKind;
  /** What was asked for (a ref, a path, "."). */
  spec: string;
  /** The commit (git) or HEAD at the time (working tree). */
  commit?: string;
  /** Working tree only: whether packed files differed from HEAD. */
  dirty?: boolean;
  tarballSha256: string;
  tarballBytes: number;
}

/** A library ready to install: its description for the results and the tarball's path. */
export interface PackedLibrary {
  info: LibraryInfo;
  tarball: string;
}

/** Which kind of source a `--package` spec names. */
export function specKind(spec: string): SpecKind {
  if (spec === "." || spec === "working-tree") return "working-tree";
  if (spec.endsWith(".tgz")) return "tarball";
  return "git";
}

/** Files that are always packed, besides what package.json `files` lists. */
const ALWAYS = /^(package\.json|package-lock\.json|README(\..*)?|LICEN[CS]E(\..*)?|tsconfig(\..*)?\.json)$/i;

/** Whether a repo path is needed to build and pack the library (`files` from package.json). */
export function isPackInput(file: string, files: readonly string[]): boolean {
  if (ALWAYS.test(file)) return true;
  return files.some((entry) => {
    const prefix = entry.replace(/\/+$/, "");
    return file === prefix || file.startsWith(`${prefix}/`);
  });
}

/** The bench's cache directory (tarballs of git refs). */
export function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "kubesecret", "bench");
}

const git = (repo: string, args: string[]) =>
  execFileSync("git", ["-C", repo, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });

function describe(tarball: string, fields: Omit<LibraryInfo, "tarballSha256" | "tarballBytes">): PackedLibrary {
  const bytes = fs.readFileSync(tarball);
  const tarballSha256 = createHash("sha256").update(bytes).digest("hex");
  return { info: { ...fields, tarballSha256, tarballBytes: bytes.length }, tarball };
}

/**
 * Packs a source tree in `dir` (build inputs only) with the repo's node_modules linked in, so
 * `npm pack` runs the package's own `prepare` (the build) exactly as it does for a release.
 */
function packTree(repo: string, dir: string, into: string): string {
  fs.symlinkSync(path.join(repo, "node_modules"), path.join(dir, "node_modules"), "dir");
  const out = fs.mkdtempSync(path.join(into, "pack-"));
  execFileSync("npm", ["pack", "--pack-destination", out, "--silent"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const [tarball] = fs.readdirSync(out).filter((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${out}`);
  return path.join(out, tarball);
}

function packageFiles(packageJson: string): string[] {
  const files = (JSON.parse(packageJson) as { files?: string[] }).files;
  if (!files) throw new Error("package.json has no `files` list");
  return files;
}

function packWorkingTree(repo: string, workDir: string, spec: string): PackedLibrary {
  const files = packageFiles(fs.readFileSync(path.join(repo, "package.json"), "utf8"));
  const listed = git(repo, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]).split("\0");
  const inputs = listed.filter((f) => f && isPackInput(f, files) && fs.existsSync(path.join(repo, f)));
  const tree = fs.mkdtempSync(path.join(workDir, "tree-"));
  for (const file of inputs) {
    fs.mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
    fs.copyFileSync(path.join(repo, file), path.join(tree, file));
  }
  const commit = git(repo, ["rev-parse", "HEAD"]).trim();
  const dirty = git(repo, ["status", "--porcelain", "--", ...inputs]).trim() !== "";
  const tarball = packTree(repo, tree, workDir);
  return describe(tarball, { id: "working-tree", source: "working-tree", spec, commit, dirty });
}

function packGitRef(repo: string, workDir: string, spec: string): PackedLibrary {
  const commit = git(repo, ["rev-parse", "--verify", `${spec}^{commit}`]).trim();
  const id = commit.slice(0, 12);
  const cached = path.join(cacheDir(), `kubesecret-${commit}.tgz`);
  if (!fs.existsSync(cached)) {
    const files = packageFiles(git(repo, ["show", `${commit}:package.json`]));
    const listed = git(repo, ["ls-tree", "-r", "-z", "--name-only", commit]).split("\0");
    const inputs = listed.filter((f) => f && isPackInput(f, files));
    const tree = fs.mkdtempSync(path.join(workDir, "tree-"));
    const archive = path.join(tree, ".archive.tar");
    git(repo, ["archive", "--format=tar", "-o", archive, commit, "--", ...inputs]);
    execFileSync("tar", ["-xf", archive, "-C", tree]);
    fs.rmSync(archive);
    const tarball = packTree(repo, tree, workDir);
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    fs.copyFileSync(tarball, `${cached}.partial`);
    fs.renameSync(`${cached}.partial`, cached);
  }
  return describe(cached, { id, source: "git", spec, commit });
}

function useTarball(spec: string): PackedLibrary {
  const tarball = path.resolve(spec);
  if (!fs.existsSync(tarball)) throw new Error(`no tarball at ${tarball}`);
  const id = path.basename(tarball, ".tgz").replace(/[^A-Za-z0-9._-]/g, "_");
  return describe(tarball, { id, source: "tarball", spec });
}

/** Packs (or finds) the library a spec names; `workDir` holds scratch copies. */
export function packLibrary(repo: string, workDir: string, spec: string): PackedLibrary {
  switch (specKind(spec)) {
    case "working-tree":
      return packWorkingTree(repo, workDir, spec);
    case "tarball":
      return useTarball(spec);
    case "git":
      return packGitRef(repo, workDir, spec);
  }
}
