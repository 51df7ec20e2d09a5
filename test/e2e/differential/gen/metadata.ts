/** Label keys and values, annotation keys, and annotation sets sized around the 256 KiB limit. */
import fc from "fast-check";
import { MAX_ANNOTATIONS_BYTES } from "../../../../src/validation/metadata";
import { dnsName, edited, lengthNear, qualifiedName } from "./strings";

/** Turns letters into look-alikes Go lowercases to ASCII, or upper-cases everything. */
const caseTrap = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => s,
  (s) => s.toUpperCase(),
  (s) => s.replace(/k/g, "\u212A"),
  (s) => s.replace(/i/g, "\u0130"),
  (s) => s.replace(/[a-z]/, (c) => c.toUpperCase()),
);

/** `[prefix/]name`: prefixes around 253, names around 63, each possibly edited. */
function qualifiedKey(trap: boolean): fc.Arbitrary<string> {
  const prefix = fc.option(edited(dnsName(lengthNear(1, 253))), { freq: 2 });
  const name = edited(qualifiedName(lengthNear(1, 63)));
  const key = fc
    .tuple(prefix, name, trap ? caseTrap : fc.constant((s: string) => s), fc.boolean())
    .map(([p, n, t, trapPrefix]) => (p === null ? t(n) : trapPrefix ? `${t(p)}/${n}` : `${p}/${t(n)}`));
  return fc.oneof(
    { weight: 8, arbitrary: key },
    { weight: 1, arbitrary: fc.constantFrom("", "/", "a/", "/a", "a/b/c", "a//b", "A/b", "a.b/C", "-a/b", "a/_b") },
  );
}

export const labelKey: fc.Arbitrary<string> = qualifiedKey(false);

/** Label values: empty, or qualified names around 63, edited. */
export const labelValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: edited(qualifiedName(lengthNear(0, 1, 63))) },
  { weight: 1, arbitrary: fc.constantFrom("", "-", "_", ".", "a-", "A", "a b", "\u212A") },
);

/** Annotation keys: as label keys, plus upper case and Unicode that lowercases to ASCII. */
export const annotationKey: fc.Arbitrary<string> = qualifiedKey(true);

/** One annotation of a sized set: its key, and a value of `bytes` UTF-8 bytes made of `fill`. */
export interface SizedAnnotation {
  readonly key: string;
  readonly bytes: number;
  readonly fill: string;
}

/** Annotations whose keys and values together are near 256 KiB; with or without a fixed name. */
export interface AnnotationSizes {
  readonly named: boolean;
  readonly annotations: readonly SizedAnnotation[];
}

/** Characters of 1 to 4 UTF-8 bytes: the limit counts bytes, not characters. */
const FILLS = ["v", "é", "\u212A", "😀"];

export const annotationSizes: fc.Arbitrary<AnnotationSizes> = fc
  .record({
    named: fc.boolean(),
    // Distance from the limit: at it, within the provider's 24 bytes, and around both.
    delta: fc.oneof(
      fc.constantFrom(-25, -24, -23, -1, 0, 1, 2),
      fc.integer({ min: -40, max: 8 }),
      fc.integer({ min: -4096, max: 4096 }),
    ),
    extraKeys: fc.array(fc.constantFrom("a", "example.com/b", "pulumi.com/autonamed", "c-d.e_f"), { maxLength: 3 }),
    fill: fc.constantFrom(...FILLS),
  })
  .map(({ named, delta, extraKeys, fill }) => {
    const keys = [...new Set(["k", ...extraKeys])];
    const small = keys.slice(1).map((key) => ({ key, bytes: 4, fill: "v" }));
    const used = keys.reduce((n, k) => n + Buffer.byteLength(k), 0) + small.length * 4;
    const last = { key: "k", bytes: Math.max(0, MAX_ANNOTATIONS_BYTES + delta - used), fill };
    return { named, annotations: [last, ...small] };
  });

/** A value of exactly `bytes` UTF-8 bytes: as many `fill` characters as fit, then `v`s. */
export function filled(bytes: number, fill: string): string {
  const width = Buffer.byteLength(fill);
  const count = Math.floor(bytes / width);
  return fill.repeat(count) + "v".repeat(bytes - count * width);
}

/** The annotations of a sized set. */
export function sizedAnnotations(sizes: AnnotationSizes): Record<string, string> {
  return Object.fromEntries(sizes.annotations.map((a) => [a.key, filled(a.bytes, a.fill)]));
}
