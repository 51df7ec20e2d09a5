/**
 * The set-up the examples' e2e files share (examples.test.ts, examples-workloads.test.ts): the
 * examples a file runs, copied into a scratch project outside the repository with the package
 * packed by `npm pack` and installed from its tarball (tools/examples.ts); the file's namespace;
 * the secret values it plants; and the checks every file ends with.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type InstalledExamples, installExamples } from "../../../tools/examples.ts";
import { REPO_ROOT } from "../../../tools/repo.ts";
import { type E2EFile, type TestStack, findLeaks, readSecret, transcriptText, useE2E } from "../harness";

export interface ExamplesFile {
  readonly e2e: E2EFile;
  /** The installed copy of example `name`, ready for `pulumi`. */
  example(name: string): string;
  /** Every secret value planted in this file, for the final scan of everything the CLI printed. */
  readonly planted: string[];
  /** The examples this file installs. */
  readonly names: readonly string[];
  /** The scratch project (set in beforeAll). */
  readonly installed: InstalledExamples;
}

/** Installs `names` before the file's tests and removes the scratch project after them. */
export function useExamples(label: string, names: readonly string[]): ExamplesFile {
  let installed: InstalledExamples | undefined;
  // Registered before useE2E's hooks, so it runs after them (vitest runs afterAll hooks in reverse):
  // stacks left over are destroyed from their program directories first.
  afterAll(() => installed?.remove());
  const e2e = useE2E(label);
  const planted: string[] = [];
  beforeAll(async () => {
    installed = await installExamples([...names]);
    console.log(`examples installed in ${installed.root} (${installed.library.tarballBytes} bytes packed)`);
  });
  const example = (name: string) => installed!.dir(name);

  return {
    e2e,
    example,
    planted,
    names,
    get installed() {
      if (!installed) throw new Error("the examples are installed only once beforeAll has run");
      return installed;
    },
  };
}

/** The stack's state and output show none of `values`. */
export function expectNoLeaks(stack: TestStack, values: string[]) {
  expect(findLeaks(stack.rawState(), values), "secret values in the state file").toEqual([]);
  expect(findLeaks(stack.text(), values), "secret values in CLI output").toEqual([]);
}

/** Destroys the stack and checks that the named Secrets are gone. */
export async function destroyAndExpectGone(e2e: E2EFile, stack: TestStack, secretNames: string[]) {
  const destroyed = await stack.destroy();
  expect(destroyed.summary.result).toBe("succeeded");
  for (const name of secretNames) {
    expect(await readSecret(e2e.core, e2e.namespace, name), `${name} gone`).toBeUndefined();
  }
  await stack.remove();
}

/**
 * The file's last tests: its examples ran against the installed package, and nothing the CLI
 * printed in any of its operations shows a planted value.
 */
export function endOfFileChecks(file: ExamplesFile) {
  it("runs each example against the installed package: every module resolves inside the scratch project", () => {
    const root = fs.realpathSync(file.installed.root);
    expect(path.relative(REPO_ROOT, root).startsWith(".."), `${root} is outside the repository`).toBe(true);
    for (const name of file.names) {
      const resolve = createRequire(path.join(file.example(name), "index.ts")).resolve;
      for (const module of ["kubesecret", "@pulumi/pulumi", "@pulumi/kubernetes", "typescript"]) {
        expect(fs.realpathSync(resolve(module)).startsWith(`${root}/`), `${name}: ${module}`).toBe(true);
      }
    }
    expect(file.installed.library.tarballSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("printed no secret value in any operation of this file", () => {
    const transcript = transcriptText();
    expect(transcript).toContain("### destroy");
    expect(findLeaks(transcript, file.planted)).toEqual([]);
  });
}
