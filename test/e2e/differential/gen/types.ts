/** Secret types: built-in, near misses of built-in, custom with and without a domain, odd strings. */
import fc from "fast-check";
import { SecretType } from "../../../../src/validation/types";
import { ALNUM, dnsName, edited, lengthNear, qualifiedName, stringOf } from "./strings";

const BUILT_IN: readonly string[] = Object.values(SecretType);

/** Ways to miss a built-in type by case or punctuation, and by a little more. */
const misses: readonly ((t: string) => string)[] = [
  (t) => t.toLowerCase(),
  (t) => t.toUpperCase(),
  (t) => t.replace(/[a-z]/, (c) => c.toUpperCase()),
  (t) => t.replace(/[a-z]+$/, (w) => w[0]!.toUpperCase() + w.slice(1)),
  (t) => t.replace(".", ""),
  (t) => t.replace("/", "/."),
  (t) => t.replace("-", ""),
  (t) => t.replace("-", "_"),
  (t) => t.replace(/\/(.*)$/, (_m, w: string) => `/${w.replace(/(.)(.)/, "$1-$2")}`),
  (t) => `${t} `,
  (t) => ` ${t}`,
  (t) => `${t}\n`,
  (t) => t.replace("/", " / "),
  (t) => `${t}s`,
  (t) => t.slice(0, -1),
  (t) => t.replace("kubernetes.io", "k8s.io"),
  (t) => t.replace("o", "0"),
  (t) => `${t}\u200B`,
  (t) => t.replace("k", "\u212A"),
];

export const secretType: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BUILT_IN) },
  {
    weight: 6,
    arbitrary: fc.tuple(fc.constantFrom(...BUILT_IN), fc.constantFrom(...misses)).map(([t, miss]) => miss(t)),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(dnsName(lengthNear(1, 20, 63)), qualifiedName(lengthNear(1, 20, 63)))
      .map(([domain, name]) => `${domain}/${name}`),
  },
  { weight: 2, arbitrary: edited(stringOf(lengthNear(1, 20), ALNUM + "-_.")) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "\t",
      "my type",
      "helm.sh/release.v1",
      "bootstrap.kubernetes.io/token",
      "Ｏpaque",
      "x".repeat(300),
      "a/".repeat(200),
      "kubernetes.io/tls/extra",
      "/",
      "//",
    ),
  },
);
