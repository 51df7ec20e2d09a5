/**
 * What the compatibility run tests: the unit suite (test/unit), against the installed package.
 * Shared by the run (which copies and counts the files) and the vitest config it uses.
 */

/** The directory of the unit suite, relative to the repository root. */
export const SUITE_DIR = "test/unit";

/** Test files of the unit suite that the compatibility run leaves out, each with the reason. */
export const EXCLUDED: Readonly<Record<string, string>> = {
  "test/unit/schema.test.ts":
    "the schema snapshot is what a checkout serves through `pulumi package add`: inferred from src/*.ts and " +
    "tsconfig.json by the analyzer of the checkout's own pinned @pulumi/pulumi, with $refs naming its pinned " +
    "@pulumi/kubernetes version; a user's installed versions never produce it",
  "test/unit/sources/systemErrors.test.ts":
    "it makes node:fs fail through vitest's module mocks, which reach src/ but not the installed package's " +
    "compiled modules (they load node:fs with Node's own require)",
};

/** Whether `file` (relative to the root) is a test file of the compatibility run. */
export function isSuiteTest(file: string): boolean {
  return file.startsWith(`${SUITE_DIR}/`) && file.endsWith(".test.ts") && !(file in EXCLUDED);
}
