import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A value that fails validation only when it resolves makes the child's registration
    // fail, which the SDK reports as an unhandled rejection (the CLI turns it into a failed
    // update). Tests that provoke this on purpose name their component "expected-failure".
    onUnhandledError: (error) => !String((error as Error)?.message).includes('"expected-failure-'),
    projects: [
      {
        test: {
          name: "unit",
          // test/tools: the dev tools' pure modules (no cluster); their cluster test runs with e2e.
          include: ["test/unit/**/*.test.ts", "test/tools/**/*.test.ts", "test/bench/**/*.test.ts"],
          exclude: ["test/tools/**/*.e2e.test.ts"],
          setupFiles: ["test/unit/setup.ts"],
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts", "test/tools/**/*.e2e.test.ts"],
          globalSetup: ["test/e2e/globalSetup.ts"],
          // One control plane and one Pulumi home for the whole run: files run one at a time.
          fileParallelism: false,
          testTimeout: 10 * 60 * 1000,
          hookTimeout: 30 * 60 * 1000,
        },
      },
    ],
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary", "text"],
    },
  },
});
