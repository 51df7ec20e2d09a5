/** Data keys, data sized around 1 MiB, and base64 in and out of canonical form. */
import fc from "fast-check";
import { MAX_DATA_BYTES } from "../../../../src/validation/data";
import { ALNUM, edited, lengthNear, stringOf } from "./strings";

/** Makes a string over the data-key charset a valid key: not `.`, `..` or `..`-prefixed. */
function repairDataKey(raw: string): string {
  if (raw === "." || raw === "..") return "a";
  return raw.startsWith("..") ? `.a${raw.slice(2)}` : raw;
}

/** Data keys: valid keys around 253 characters, edited, and the dot-only traps. */
export const dataKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: edited(stringOf(lengthNear(1, 253), ALNUM + "-_.").map(repairDataKey)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom("", ".", "..", "...", "..a", ".a", "a..", "a.", "-", "_", "a/b", "a b", "é"),
  },
);

/** Where a key's value goes: plain text or base64. */
export type Via = "stringData" | "data";

/** Data keys and how each is passed; sometimes one key in both maps. */
export interface DataKeys {
  readonly keys: readonly { readonly key: string; readonly via: Via }[];
}

export const dataKeys: fc.Arbitrary<DataKeys> = fc
  .record({
    key: dataKey,
    via: fc.constantFrom<Via>("stringData", "data"),
    twice: fc.constantFrom(false, false, false, false, false, false, false, true),
  })
  .map(({ key, via, twice }) => ({
    keys: twice
      ? [
          { key, via: "stringData" as const },
          { key, via: "data" as const },
        ]
      : [{ key, via }],
  }));

/** One value of a sized Secret: `bytes` bytes made of `fill`, passed `via`. */
export interface SizedValue {
  readonly key: string;
  readonly via: Via;
  readonly bytes: number;
  readonly fill: string;
}

/** Between one and four values whose sizes add up to near 1 MiB. */
export const dataSizes: fc.Arbitrary<readonly SizedValue[]> = fc
  .record({
    delta: fc.oneof(
      fc.constantFrom(-2, -1, 0, 1, 2),
      fc.integer({ min: -16, max: 16 }),
      fc.integer({ min: -65536, max: 4096 }),
    ),
    split: fc.array(
      fc.record({ share: fc.integer({ min: 0, max: 100 }), via: fc.constantFrom<Via>("stringData", "data") }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
    fill: fc.constantFrom("a", "é", "😀"),
  })
  .map(({ delta, split, fill }) => {
    const total = MAX_DATA_BYTES + delta;
    const shares = split.reduce((n, s) => n + s.share, 0) || 1;
    let left = total;
    return split.map(({ share, via }, i) => {
      const bytes = i === split.length - 1 ? left : Math.floor((total * share) / shares);
      left -= bytes;
      return { key: `k${i}`, via, bytes, fill };
    });
  });

/** A value of exactly `bytes` UTF-8 bytes, for stringData, or base64 of that many bytes, for data. */
export function sizedValue(v: SizedValue): string {
  if (v.via === "data") return Buffer.alloc(v.bytes, 0x61).toString("base64");
  const width = Buffer.byteLength(v.fill);
  const count = Math.floor(v.bytes / width);
  return v.fill.repeat(count) + "a".repeat(v.bytes - count * width);
}

/** Edits that take base64 out of canonical form, one way each. */
const base64Edits: readonly ((s: string) => string)[] = [
  (s) => s.replace(/=+$/, ""), // padding dropped
  (s) => (s.length > 4 ? `${s.slice(0, 4)}\n${s.slice(4)}` : `${s}\n`), // a line break
  (s) => `${s}\n`,
  (s) => `${s}\r\n`,
  (s) => ` ${s}`,
  (s) => `${s}=`,
  (s) => `${s}====`,
  (s) => s.replace(/[+/]/g, (c) => (c === "+" ? "-" : "_")), // URL-safe alphabet
  (s) => s.replace(/A(=*)$/, "B$1"), // non-zero trailing bits when padded
  (s) => s.replace(/Q(==)$/, "R$1"),
  (s) => `${s.slice(0, -1)}*`,
  (s) => s.slice(0, -1),
  (s) => `${s}A`,
];

/** base64 values: canonical encodings of random bytes, and the same with one edit. */
export const base64Value: fc.Arbitrary<string> = fc.oneof(
  fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString("base64")),
  fc
    .tuple(fc.uint8Array({ maxLength: 40 }), fc.constantFrom(...base64Edits))
    .map(([b, edit]) => edit(Buffer.from(b).toString("base64"))),
  fc.constantFrom("", "=", "==", "A", "AA", "AAA", "AA==", "AB==", "QR==", "Zm9v\n", "Zm9v YmFy", "Zm9v\tYmFy"),
);
