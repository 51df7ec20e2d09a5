import { describe, expect, it } from "vitest";
import { isExampleFile } from "../../tools/examples.ts";

describe("isExampleFile", () => {
  it("copies the program, its project files and its data", () => {
    for (const file of ["index.ts", "Pulumi.yaml", "package.json", "tsconfig.json", "app.env", "config/pixel.gif"]) {
      expect(isExampleFile(file), file).toBe(true);
    }
  });

  it("leaves out stack config a run wrote, and anything installed or built", () => {
    for (const file of [
      "Pulumi.dev.yaml",
      "Pulumi.demo-x1.yaml",
      "node_modules",
      "node_modules/a/b.js",
      "bin/index.js",
    ]) {
      expect(isExampleFile(file), file).toBe(false);
    }
  });
});
