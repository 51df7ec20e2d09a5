/**
 * Kubernetes ObjectMeta rules (apimachinery validation), applied before anything is sent.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */
import type { Problem } from "./problem";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** The longest object name, a DNS-1123 subdomain. */
export const MAX_NAME_LENGTH = 253;
/** The longest namespace name, a DNS-1123 label. */
export const MAX_NAMESPACE_LENGTH = 63;
/** The longest label value and name part of a qualified key. */
export const MAX_LABEL_LENGTH = 63;
/** Annotations: all keys and values together, in bytes. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;
/**
 * Characters pulumi-kubernetes appends when it names an object (`-` and 8 hex digits), which
 * the component relies on to implement `generateName`.
 */
export const AUTONAME_SUFFIX_LENGTH = 9;
/** How a generateName with characters or an ending a name cannot have is reported. */
export const GENERATE_NAME_CHARSET_RULE =
  "must be a DNS-1123 subdomain prefix: lowercase letters, digits, '-' and '.', starting with a letter or digit (a trailing '-' is fine)";
/** How a generateName that leaves no room for the provider's suffix is reported. */
export const GENERATE_NAME_ROOM_RULE = "must leave room for the 9 characters the provider appends";
/**
 * The annotation pulumi-kubernetes adds when it names the object (no `name` given). It counts
 * toward the 256 KiB limit, so the limit for the caller's annotations leaves room for it.
 */
export const AUTONAMED_ANNOTATION: Readonly<{ key: string; value: string }> = {
  key: "pulumi.com/autonamed",
  value: "true",
};
/** How annotations that fit only without the provider's annotation are reported. */
export const ANNOTATIONS_ROOM_RULE = `must leave room for the annotation ${AUTONAMED_ANNOTATION.key}`;

/** The three ways an object name or a namespace is refused: empty, too long, or of the wrong shape. */
function validateDnsName(
  value: string,
  field: string,
  rules: { readonly max: number; readonly pattern: RegExp; readonly empty: string; readonly shape: string },
): Problem[] {
  if (value.length === 0) return [{ field, rule: rules.empty }];
  if (value.length > rules.max)
    return [{ field, rule: `must be at most ${rules.max} characters (got ${value.length})` }];
  if (!rules.pattern.test(value)) return [{ field, rule: rules.shape }];
  return [];
}

/** Checks an object name (DNS-1123 subdomain, at most 253 characters). */
export function validateObjectName(name: string, field: string): Problem[] {
  return validateDnsName(name, field, {
    max: MAX_NAME_LENGTH,
    pattern: DNS1123_SUBDOMAIN,
    empty: "must not be empty",
    shape:
      "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit",
  });
}

/**
 * Checks a generateName prefix the way the API server does (a DNS-1123 subdomain once a trailing
 * '-' is allowed for), with room for the 9 characters the provider appends: the provider names
 * the Secret `<prefix without one trailing '-'>-<8 hex>`, so that stem may have 244 characters.
 */
export function validateGenerateName(prefix: string, field: string): Problem[] {
  const limit = MAX_NAME_LENGTH - AUTONAME_SUFFIX_LENGTH;
  if (prefix.length === 0) return [{ field, rule: "must not be empty" }];
  const stemLength = prefix.endsWith("-") ? prefix.length - 1 : prefix.length;
  if (stemLength > limit) {
    return [
      {
        field,
        rule: `${GENERATE_NAME_ROOM_RULE}: at most ${limit} characters, not counting one trailing '-', so the generated name fits in ${MAX_NAME_LENGTH} (got ${stemLength})`,
      },
    ];
  }
  const masked = prefix.endsWith("-") ? `${prefix.slice(0, -1)}a` : prefix;
  if (!DNS1123_SUBDOMAIN.test(masked)) return [{ field, rule: GENERATE_NAME_CHARSET_RULE }];
  return [];
}

/** How a resource name that cannot start a generated object name is reported. */
export const AUTONAME_RULE = "the provider would name the Secret";

/**
 * Checks the name pulumi-kubernetes gives an object it names from a resource name:
 * `<resource name>-<8 hex>`, which must be a valid object name. That is the case for a component
 * without `name` (its component name) and for a `generateName` prefix (its stem).
 */
export function validateAutoname(resourceName: string, field: string): Problem[] {
  const generated = `${resourceName}-${"0".repeat(AUTONAME_SUFFIX_LENGTH - 1)}`;
  if (validateObjectName(generated, field).length === 0) return [];
  return [
    {
      field,
      rule: `${AUTONAME_RULE} "${resourceName}-" and 8 hex digits, which is not a DNS-1123 subdomain of at most ${MAX_NAME_LENGTH} characters (lowercase letters, digits, '-' and '.', starting with a letter or digit, at most ${MAX_NAME_LENGTH - AUTONAME_SUFFIX_LENGTH} before the suffix)`,
    },
  ];
}

/** Checks a namespace name (DNS-1123 label, at most 63 characters). */
export function validateNamespace(namespace: string, field: string): Problem[] {
  return validateDnsName(namespace, field, {
    max: MAX_NAMESPACE_LENGTH,
    pattern: DNS1123_LABEL,
    empty: "must not be empty (omit it for the provider's default namespace)",
    shape: "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit",
  });
}

/** Checks a qualified key (`[prefix/]name`) as used by labels and annotations. */
export function validateQualifiedKey(key: string, field: string): Problem[] {
  const slash = key.indexOf("/");
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  const problems: Problem[] = [];
  if (prefix !== undefined) {
    if (prefix.length === 0 || prefix.length > MAX_NAME_LENGTH || !DNS1123_SUBDOMAIN.test(prefix)) {
      problems.push({
        field,
        key,
        rule: `prefix before '/' must be a DNS-1123 subdomain of at most ${MAX_NAME_LENGTH} characters`,
      });
    }
  }
  if (name.length === 0 || name.length > MAX_LABEL_LENGTH || !QUALIFIED_NAME.test(name)) {
    problems.push({
      field,
      key,
      rule: `name must be 1-${MAX_LABEL_LENGTH} characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit`,
    });
  }
  return problems;
}

/** Checks label keys and values. */
export function validateLabels(labels: Readonly<Record<string, string>>, field: string): Problem[] {
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(labels)) {
    problems.push(...validateQualifiedKey(key, field));
    if (typeof value !== "string") {
      problems.push({ field, key, rule: "value must be a string" });
    } else if (value.length > MAX_LABEL_LENGTH || (value.length > 0 && !QUALIFIED_NAME.test(value))) {
      problems.push({
        field,
        key,
        rule: `value must be empty or 1-${MAX_LABEL_LENGTH} characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit`,
      });
    }
  }
  return problems;
}

/**
 * Annotation keys as the API server checks them: as qualified names once lowercased (Go's
 * `strings.ToLower`, which also maps U+0130 to `i` and the Kelvin sign U+212A to `k`).
 */
function lowercaseLikeGo(key: string): string {
  return key.replace(/[A-Z\u0130\u212A]/g, (c) => (c === "\u0130" ? "i" : c === "\u212A" ? "k" : c.toLowerCase()));
}

/**
 * Checks annotation keys (qualified names, case-insensitively, as the API server does) and the
 * 256 KiB limit on all keys and values together, counting the annotation the provider adds when
 * it names the Secret.
 */
export function validateAnnotations(annotations: Readonly<Record<string, string>>, field: string): Problem[] {
  const problems: Problem[] = [];
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) {
    problems.push(...validateQualifiedKey(lowercaseLikeGo(key), field).map((p) => ({ ...p, key })));
    if (typeof value !== "string") problems.push({ field, key, rule: "value must be a string" });
    else total += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  const { key: autonamed, value: autonamedValue } = AUTONAMED_ANNOTATION;
  const own = annotations[autonamed];
  const withAutonamed =
    total -
    (typeof own === "string" ? Buffer.byteLength(autonamed) + Buffer.byteLength(own) : 0) +
    Buffer.byteLength(autonamed) +
    Buffer.byteLength(autonamedValue);
  if (total > MAX_ANNOTATIONS_BYTES) {
    problems.push({
      field,
      rule: `keys and values together must be at most ${MAX_ANNOTATIONS_BYTES} bytes (got ${total})`,
    });
  } else if (withAutonamed > MAX_ANNOTATIONS_BYTES) {
    problems.push({
      field,
      rule: `${ANNOTATIONS_ROOM_RULE}: "${autonamedValue}" (${withAutonamed - total} bytes), which the provider adds when it names the Secret, within ${MAX_ANNOTATIONS_BYTES} bytes (got ${total})`,
    });
  }
  return problems;
}
