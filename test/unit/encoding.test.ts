import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeToBytes, decodeToUtf8, encodeBytes, encodeUtf8, isCanonicalBase64 } from "../../src/encoding";
import { encodeData } from "../../src/pipeline/encode";

describe("encoding", () => {
  it("round-trips any string, including non-ASCII and empty: decode(encode(x)) = x", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (value) => decodeToUtf8(encodeUtf8(value)) === value));
    expect(encodeUtf8("")).toBe("");
    expect(decodeToUtf8(encodeUtf8("päss 🔑 パス"))).toBe("päss 🔑 パス");
  });

  it("round-trips any bytes and produces canonical base64 of the right length", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        const encoded = encodeBytes(bytes);
        expect(isCanonicalBase64(encoded)).toBe(true);
        expect(decodeToBytes(encoded).length).toBe(bytes.length);
        expect(Buffer.compare(decodeToBytes(encoded), Buffer.from(bytes))).toBe(0);
      }),
    );
  });

  it("encodes the UTF-8 bytes, not UTF-16 code units", () => {
    expect(encodeUtf8("é")).toBe("w6k=");
  });

  it.each([
    ["missing padding", "YWI"],
    ["a line break", "YWJj\nZGVm"],
    ["a trailing newline", "YWJj\n"],
    ["spaces", "YW Jj"],
    ["the URL-safe alphabet", "-_-_"],
    ["non-zero trailing bits", "YWJ="],
    ["too much padding", "YQ==="],
    ["plain text", "hello world"],
  ])("rejects base64 with %s", (_what, value) => {
    expect(isCanonicalBase64(value)).toBe(false);
  });

  it("rejects any canonical value once whitespace is inserted", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.nat(),
        fc.constantFrom(" ", "\n", "\r\n", "\t"),
        (bytes, at, ws) => {
          const encoded = encodeBytes(bytes);
          const cut = at % (encoded.length + 1);
          return !isCanonicalBase64(encoded.slice(0, cut) + ws + encoded.slice(cut));
        },
      ),
    );
  });
});

describe("encodeData", () => {
  it("keeps a key named __proto__ (a valid data key) as an own key", () => {
    const { data } = encodeData([{ key: "__proto__", value: "x", encoding: "utf8" } as never]);
    expect(Object.keys(data)).toEqual(["__proto__"]);
    expect(JSON.parse(JSON.stringify(data))).toEqual(JSON.parse('{"__proto__":"eA=="}'));
  });
});
