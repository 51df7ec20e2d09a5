/** Names, generateName prefixes, component names and namespaces, biased toward their limits. */
import fc from "fast-check";
import { ALNUM, dnsName, edited, lengthNear, stringOf } from "./strings";

/** Object names: valid subdomains around 63 and 253 characters, and edits of them. */
export const objectName: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: edited(dnsName(lengthNear(1, 63, 253))) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "-", ".", "a", "0", "a.b", "a..b", "a.-b", "a-.b") },
);

/**
 * generateName prefixes: valid subdomains around 58 (where the API server truncates) and 244/253
 * (the provider's and the server's room), edited, then ended with nothing, `-`, `--`, `.-` or `.`.
 */
export const generateNamePrefix: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        edited(dnsName(lengthNear(1, 57, 58, 243, 244, 252, 253))),
        fc.constantFrom("", "", "-", "-", "--", ".-", "."),
      )
      .map(([stem, end]) => stem + end),
  },
  { weight: 1, arbitrary: fc.constantFrom("", "-", "--", ".", "a-", "a--", "a.-", "A-", "a_b-") },
);

/**
 * Pulumi component names, which name the Secret when neither `name` nor `generateName` is set:
 * DNS names around 63 and 244, and names in the styles programs use (`dbPassword`, `db_password`).
 */
export const componentName: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: edited(dnsName(lengthNear(1, 63, 244))) },
  { weight: 1, arbitrary: stringOf(fc.integer({ min: 1, max: 30 }), ALNUM + "-_.") },
);

/** Namespace names: valid labels around 63, edited (dots, upper case, ...). */
export const namespaceName: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: edited(dnsName(lengthNear(1, 63), false)) },
  { weight: 1, arbitrary: fc.constantFrom("", "-", "a.b", "A", "a-", "default", "kube-system") },
);
