import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exportLine, shellQuote } from "../../tools/shell.ts";

/** What sh makes of `word`: the single argument printf receives. */
const throughShell = (word: string) => execFileSync("sh", ["-c", `printf %s ${word}`], { encoding: "utf8" });

describe("shellQuote", () => {
  it("gives sh back every string unchanged as one word", () => {
    // NUL cannot be in an argument at all; everything else must survive.
    const text = fc.string({ unit: "binary" }).filter((s) => !s.includes("\0"));
    fc.assert(
      fc.property(text, (s) => {
        expect(throughShell(shellQuote(s))).toBe(s);
      }),
      { numRuns: 60 },
    );
  });

  it("quotes what the shell would otherwise expand or split", () => {
    for (const s of ["$HOME", "a b", "it's", "`id`", "*", "'; rm -rf /; '"]) {
      expect(throughShell(shellQuote(s))).toBe(s);
    }
  });
});

describe("exportLine", () => {
  it("writes an export line that sets the variable to the value", () => {
    const line = exportLine("KUBECONFIG", "/tmp/it's here/kubeconfig");
    const value = execFileSync("sh", ["-c", `${line}; printf %s "$KUBECONFIG"`], { encoding: "utf8" });
    expect(value).toBe("/tmp/it's here/kubeconfig");
  });

  it.each(["", "1A", "A-B", "A B", "A;B"])("fails when the name is %j", (name) => {
    expect(() => exportLine(name, "v")).toThrow(/not a shell variable name/);
  });
});
