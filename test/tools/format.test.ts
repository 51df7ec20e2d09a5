import { describe, expect, it } from "vitest";
import { formatBytes, markdownTable } from "../../tools/format.ts";

describe("formats", () => {
  it("writes bytes in decimal units", () => {
    expect(formatBytes(2800)).toBe("2.80 kB");
    expect(formatBytes(61_914_880)).toBe("61.9 MB");
  });

  it("builds a Markdown table with escaped pipes", () => {
    expect(markdownTable(["a", "b"], [["x|y", "1"]])).toBe("| a | b |\n| --- | ---: |\n| x\\|y | 1 |");
  });

  it("fails when a row has another number of cells than the header", () => {
    expect(() => markdownTable(["a", "b"], [["1"]])).toThrow(/1 cells, the header 2/);
  });
});
