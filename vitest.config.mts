import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // No filter on unhandled errors: every one fails the run. The tests that provoke one on
    // purpose capture it themselves (test/support/unhandledRejections.ts).
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
