import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EnvFileParser,
  MAX_ENV_LINE_BYTES,
  envKeyRule,
  parseEnvFile,
  parseEnvLine,
} from "../../../src/sources/envFile";
import { type EnvCase, envCase, envKey, wellFormed } from "./arbitraries";

const noEnv = () => undefined;
const parse = (text: string | Buffer, env: Record<string, string> = {}) =>
  parseEnvFile(typeof text === "string" ? Buffer.from(text, "utf8") : text, (name) => env[name]);

describe("parseEnvFile (kubectl --from-env-file)", () => {
  it("reads exactly the entries of any env file made of entries, comments and blank lines", () => {
    fc.assert(
      fc.property(envCase(), (c: EnvCase) => {
        const result = parse(c.bytes, c.environment);
        expect(result.problems).toEqual([]);
        expect(result.entries).toEqual(c.expected);
        expect(result.valueBytes).toBe(c.expected.reduce((n, e) => n + Buffer.byteLength(e.value), 0));
      }),
    );
  });

  it("gives the same result however the bytes are split into chunks", () => {
    const bytes = fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a.map((b) => (b % 7 === 0 ? 0x0a : b))));
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(300), { maxLength: 6 }), (input, cuts) => {
        const parser = new EnvFileParser(noEnv);
        let start = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          parser.push(input.subarray(start, Math.max(start, cut)));
          start = Math.max(start, cut);
        }
        parser.push(input.subarray(start));
        expect(parser.end()).toEqual(parseEnvFile(input, noEnv));
      }),
    );
  });

  it("keeps values as written: quotes, trailing spaces, '#', '=' and a CR inside", () => {
    const text = [
      `A="quoted"`,
      `B='single'  `,
      `C=x # not a comment`,
      `D=a=b==c`,
      `E=`,
      `F=in\rside`,
      `G = spaced`,
    ].join("\n");
    const result = parse(text);
    expect(result.entries.map((e) => [e.key, e.value])).toEqual([
      ["A", `"quoted"`],
      ["B", `'single'  `],
      ["C", "x # not a comment"],
      ["D", "a=b==c"],
      ["E", ""],
      ["F", "in\rside"],
    ]);
    // "G " (with the space) is not a key.
    expect(result.problems).toEqual([{ line: 7, rule: expect.stringContaining("invalid key") }]);
  });

  it("drops one CR at the end of a line, a BOM on the first line only, and leading Unicode whitespace", () => {
    expect(parse("\uFEFFA=1\r\nB=2\r\r\n\u3000\u0085\tC=3\r").entries.map((e) => [e.key, e.value])).toEqual([
      ["A", "1"],
      ["B", "2\r"],
      ["C", "3"],
    ]);
    // A BOM on a later line is part of the key, which makes it invalid; U+FEFF is not whitespace.
    expect(parse("A=1\n\uFEFFB=2").problems).toEqual([{ line: 2, rule: expect.stringContaining("invalid key") }]);
    expect(parse(" \uFEFFA=1").problems).toHaveLength(1);
  });

  it("takes a line without '=' from the environment, and fails when it is unset (kubectl stores an empty value)", () => {
    const result = parse("HOME_DIR\nEMPTY\nUNSET\n", { HOME_DIR: "/home/x", EMPTY: "" });
    expect(result.entries.map((e) => [e.key, e.value])).toEqual([
      ["HOME_DIR", "/home/x"],
      ["EMPTY", ""],
    ]);
    expect(result.problems).toEqual([{ line: 3, rule: expect.stringContaining("names no set environment variable") }]);
    expect(result.problems[0]!.rule).not.toContain("UNSET");
  });

  it("fails when a line is not valid UTF-8, a comment included, naming the line and not its text", () => {
    const latin1 = (text: string) => Buffer.from(text, "latin1");
    const result = parseEnvFile(latin1("A=1\n# café\nB=canary-sécret\nC=3"), noEnv);
    expect(result.problems).toEqual([
      { line: 2, rule: "is not valid UTF-8" },
      { line: 3, rule: "is not valid UTF-8" },
    ]);
    expect(result.entries.map((e) => e.key)).toEqual(["A", "C"]);
  });

  it("fails when a key is invalid, without quoting it (it may be a value)", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 30 }).filter((k) => wellFormed(k) && !/[\n=]/.test(k)),
        fc.boolean(),
        (key, withValue) => {
          fc.pre(envKeyRule(key.replace(/^\s+/u, "")) !== undefined);
          const line = parseEnvLine(Buffer.from(withValue ? `${key}=v` : key), 1, noEnv);
          if (line.kind === "skip") return; // blank or a comment once leading whitespace is gone
          expect(line.kind).toBe("problem");
          if (line.kind === "problem" && key.trim().length >= 3) expect(line.rule).not.toContain(key.trim());
        },
      ),
    );
    expect(parse("1ABC=x").problems).toHaveLength(1);
    expect(parse("export A=x").problems).toHaveLength(1);
    expect(parse("..A=x").problems).toHaveLength(1);
    expect(parse(`${"A".repeat(254)}=x`).problems).toEqual([{ line: 1, rule: expect.stringContaining("253") }]);
    expect(parse(`${"A".repeat(253)}=x`).problems).toEqual([]);
  });

  it("accepts every key kubectl accepts: [-._a-zA-Z][-._a-zA-Z0-9]*, not '.', '..' or '..'-prefixed", () => {
    fc.assert(
      fc.property(envKey(), (key) => {
        expect(envKeyRule(key)).toBeUndefined();
      }),
    );
    for (const key of ["", ".", "..", "..a", "0a", "a b", "a/b", "ä"]) expect(envKeyRule(key), key).toBeDefined();
    for (const key of [".a", "-", "_", "a..b", "a-b.c_D9"]) expect(envKeyRule(key), key).toBeUndefined();
  });

  it(`fails at a line of ${MAX_ENV_LINE_BYTES + 1} bytes or more (kubectl stops there silently) and reads no further`, () => {
    const fits = `A=${"x".repeat(MAX_ENV_LINE_BYTES - 2)}`;
    expect(parse(`${fits}\nB=1`).entries.map((e) => e.key)).toEqual(["A", "B"]);
    expect(parse(`${fits}\r\nB=1`).problems).toEqual([
      { line: 1, rule: expect.stringContaining("longer"), tooLong: true },
    ]);
    const result = parse(`Z=0\n${fits}x\n1BAD\nB=1`);
    expect(result.entries.map((e) => e.key)).toEqual(["Z"]);
    expect(result.problems).toEqual([{ line: 2, rule: expect.stringContaining("longer"), tooLong: true }]);
    expect(parse(`${fits}x`).problems).toHaveLength(1);
  });
});
