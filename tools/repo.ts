/** Where things are in this repository, for the dev tools. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root directory. */
export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");

/** Scratch space of the demo and the tests (gitignored): PULUMI_HOME, file backends. */
export const SCRATCH_DIR = path.join(REPO_ROOT, ".pulumi-test");

/** Where the toolchain is pinned (versions.env, Go wrapper modules, our language hosts) and built. */
export const TOOLCHAIN_DIR = path.join(REPO_ROOT, "tools", "toolchain");

/** The bash script that builds (or, with --print, only locates) the toolchain. */
export const TOOLCHAIN_SCRIPT = path.join(TOOLCHAIN_DIR, "build");

/** Whether `file` is a regular file this process may execute. */
export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first executable `name` on `pathVar` (default: PATH), like `command -v`. */
export function which(name: string, pathVar = process.env.PATH ?? ""): string | undefined {
  for (const dir of pathVar.split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** The Node.js 24 the repo pins (node_modules/node), else the one running this code. */
export function nodeBinDir(): string {
  const pinned = path.join(REPO_ROOT, "node_modules", "node", "bin");
  return isExecutable(path.join(pinned, "node")) ? pinned : path.dirname(process.execPath);
}
