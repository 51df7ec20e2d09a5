import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertNoLeaks, canary, findLeaks, pemBody, scanValues, secretForms } from "../../tools/leaks.ts";
import { makeTlsPair } from "../../tools/tls.ts";

const found = (text: string, value: string) => findLeaks(text, scanValues([value])).length > 0;

describe("findLeaks finds a planted value in every form it can leak as", () => {
  // Quotes, a backslash and a newline make JSON escape it; runs of ? and ~ encode to base64 with
  // / and + at every alignment, so base64url differs from base64.
  const value = `${canary("planted")}"\\\n??????~~~~~~`;
  const wrap = (s: string) => `log line before ${s} and after`;
  it.each([
    ["verbatim", wrap(value)],
    ["JSON-escaped", JSON.stringify({ data: { password: `x${value}y` } })],
    ["hex", wrap(Buffer.from(value).toString("hex"))],
    ["base64 at offset 0", wrap(Buffer.from(value).toString("base64"))],
    ["base64 at offset 1", wrap(Buffer.from(`a${value}`).toString("base64"))],
    ["base64 at offset 2", wrap(Buffer.from(`ab${value}zz`).toString("base64"))],
    ["base64url at offset 1", wrap(Buffer.from(`a${value}`).toString("base64url"))],
    ["base64url inside a longer string", wrap(Buffer.from(`{"token":"${value}"}`).toString("base64url"))],
  ])("%s", (_, text) => {
    expect(findLeaks(text, [value]).length).toBeGreaterThan(0);
  });

  it("a value inside any longer base64 or base64url string, whatever its offset", () => {
    const bytes = fc.uint8Array({ maxLength: 7 }).map((a) => Buffer.from(a));
    const encoding = fc.constantFrom("base64" as const, "base64url" as const);
    fc.assert(
      fc.property(fc.string({ minLength: 8 }), bytes, bytes, encoding, (v, before, after, enc) => {
        const text = Buffer.concat([before, Buffer.from(v), after]).toString(enc);
        expect(findLeaks(text, [v]).length).toBeGreaterThan(0);
      }),
    );
  });

  it("each line of a multi-line value, however the text around it indents the lines", () => {
    const { key } = makeTlsPair();
    const yaml = `tlsKey: |\n${key
      .split("\n")
      .map((l) => `    ${l}`)
      .join("\n")}`;
    expect(findLeaks(yaml, [key])).toEqual([]); // the whole value is not there as such…
    expect(found(yaml, key)).toBe(true); // …its lines are
    expect(found(`k: ${pemBody(key).slice(0, 40)}`, key)).toBe(false); // a fragment shorter than a line is not
  });
});

describe("findLeaks reports nothing", () => {
  it("for text without the value", () => {
    const value = canary("absent");
    const other = canary("other");
    const text = [other, Buffer.from(other).toString("base64"), Buffer.from(other).toString("hex")].join(" ");
    expect(findLeaks(text, scanValues([value]))).toEqual([]);
  });

  it("for values too short to search without false alarms", () => {
    expect(secretForms("abc")).toEqual([]);
    expect(findLeaks("abc abc abc", ["abc"])).toEqual([]);
  });

  it("for PEM armour lines, which are public", () => {
    expect(scanValues(["-----BEGIN PRIVATE KEY-----\nsecretline-1234\n-----END PRIVATE KEY-----"])).toEqual([
      "-----BEGIN PRIVATE KEY-----\nsecretline-1234\n-----END PRIVATE KEY-----",
      "secretline-1234",
    ]);
  });
});

describe("assertNoLeaks", () => {
  const watched = new Map([
    ["the api token", canary("token")],
    ["the password", canary("password")],
  ]);

  it("passes on clean text", () => {
    expect(() => assertNoLeaks("nothing to see", "the log", watched)).not.toThrow();
  });

  it("fails when text holds a watched value, naming its label and the place but not the value", () => {
    const token = watched.get("the api token")!;
    const text = `x ${Buffer.from(`  ${token}`).toString("base64")} y`;
    let message = "";
    try {
      assertNoLeaks(text, "the preview", watched);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe("the api token appears in the preview");
    expect(findLeaks(message, [token])).toEqual([]);
  });
});
