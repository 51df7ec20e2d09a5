import { describe, expect, it } from "vitest";
import { ENGINE_SIZES, MOCK_SIZES, SMOKE, parseOptions, resultFileName } from "../../bench/options.ts";

describe("parseOptions", () => {
  it("measures the working tree, both parts, three rounds each, by default", () => {
    expect(parseOptions([])).toMatchObject({
      packages: ["."],
      smoke: false,
      mockSizes: MOCK_SIZES,
      engineSizes: ENGINE_SIZES,
      mocksRounds: 3,
      engineRounds: 3,
      mocks: true,
      engine: true,
      keep: false,
    });
  });

  it("takes several packages in order, for a before → after run", () => {
    expect(parseOptions(["--package", "v1", "--package", "."]).packages).toEqual(["v1", "."]);
  });

  it("runs tiny sizes for one round in a smoke, unless rounds are given", () => {
    expect(parseOptions(["--smoke"])).toMatchObject({ ...SMOKE, mocksRounds: 1, engineRounds: 1 });
    expect(parseOptions(["--smoke", "--engine-rounds", "2"]).engineRounds).toBe(2);
  });

  it("measures every class by default and the ones named with --classes", () => {
    expect(parseOptions([]).classes).toHaveLength(7);
    expect(parseOptions(["--classes", "Secret, TlsSecret"]).classes).toEqual(["Secret", "TlsSecret"]);
  });

  it("adds N = 1000 to the real engine with --large", () => {
    expect(parseOptions(["--large"]).engineSizes).toEqual([200, 1000]);
  });

  it("sets both parts' rounds with --rounds and one part's with its own option", () => {
    expect(parseOptions(["--rounds", "5", "--mocks-rounds", "2"])).toMatchObject({ mocksRounds: 2, engineRounds: 5 });
  });

  it.each([
    ["an option is unknown", ["--fast"], /Unknown option/],
    ["rounds are not a positive integer", ["--rounds", "0"], /positive integer/],
    ["rounds are not a number", ["--engine-rounds", "many"], /positive integer/],
    ["both parts are left out", ["--mocks-only", "--engine-only"], /exclude each other/],
    ["a package is given twice", ["--package", ".", "--package", "."], /twice/],
    ["a class is unknown", ["--classes", "Secret,ConfigMap"], /--classes takes some of Secret, /],
  ])("fails when %s", (_what, argv, message) => {
    expect(() => parseOptions(argv)).toThrow(message);
  });
});

describe("resultFileName", () => {
  it("names the date and the libraries compared", () => {
    expect(resultFileName("2026-12-01T10:00:00Z", ["9d9a8afbb751", "working-tree"], false)).toBe(
      "2026-12-01-9d9a8afbb751-vs-working-tree.json",
    );
    expect(resultFileName("2026-12-01T10:00:00Z", ["x"], true)).toBe("2026-12-01-x-smoke.json");
  });
});
