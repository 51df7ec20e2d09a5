/**
 * The TypeScript examples as a user runs them. Each example imports "kubesecret", as a user's
 * program does; in this repository that name maps to src/ only for the type check (tsconfig.json
 * `paths`). To run, the examples are copied into a scratch project outside the repository with
 * the package packed by `npm pack` (tools/pack.ts) and installed from its tarball next to the
 * Pulumi SDKs the repo pins (tools/install.ts), plus what a Pulumi TypeScript project has for
 * ts-node (typescript, @types/node). Node.js then finds every module in that project's
 * node_modules, never in this repository's src/ or node_modules. Shared by the e2e tests of the
 * examples and `npm run demo`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { installLibrary } from "./install.ts";
import { type LibraryInfo, packLibrary } from "./pack.ts";
import { REPO_ROOT } from "./repo.ts";

/** The examples' own directory. */
export const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");

/** What a Pulumi TypeScript project installs besides its dependencies, for ts-node. */
const TYPESCRIPT_TOOLING = ["typescript", "@types/node"];

/** A scratch project holding installed copies of some examples. */
export interface InstalledExamples {
  /** The scratch directory (the project with node_modules, and one directory per example). */
  root: string;
  /** The packed package that was installed. */
  library: LibraryInfo;
  /** The copy of example `name`, ready for `pulumi` (fails for an example not installed). */
  dir(name: string): string;
  /** Removes the scratch directory. */
  remove(): void;
}

/**
 * Whether a file of an example directory belongs in its copy: not a stack's config
 * (`Pulumi.<stack>.yaml`, written by a run) and nothing installed or built.
 */
export function isExampleFile(relative: string): boolean {
  const [first] = relative.split(path.sep);
  if (first === "node_modules" || first === "bin") return false;
  return !/^Pulumi\.[^/]+\.yaml$/.test(relative);
}

/**
 * Packs the working tree, installs it into a new scratch project under `base` (default: the
 * system's temporary directory, outside the repository) and copies the examples `names` into it.
 */
export async function installExamples(
  names: readonly string[],
  base: string = os.tmpdir(),
): Promise<InstalledExamples> {
  for (const name of names) {
    if (!fs.existsSync(path.join(EXAMPLES_DIR, name, "Pulumi.yaml"))) throw new Error(`no example ${name}`);
  }
  const root = fs.mkdtempSync(path.join(base, "kubesecret-examples-"));
  try {
    const packed = packLibrary(REPO_ROOT, root, ".");
    const project = path.join(root, "project");
    await installLibrary(REPO_ROOT, packed, project, TYPESCRIPT_TOOLING);
    for (const name of names) {
      const from = path.join(EXAMPLES_DIR, name);
      fs.cpSync(from, path.join(project, name), {
        recursive: true,
        filter: (source) => isExampleFile(path.relative(from, source)),
      });
    }
    return {
      root,
      library: packed.info,
      dir: (name) => {
        if (!names.includes(name)) throw new Error(`example ${name} was not installed`);
        return path.join(project, name);
      },
      remove: () => fs.rmSync(root, { recursive: true, force: true }),
    };
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
}
