/**
 * Where kubesecret is deliberately stricter than the API server (kube-apiserver 1.36:
 * `ValidateSecret`, the ObjectMeta rules (owner references included) and `metadata.generateName`). Every other rule matches
 * the server's exactly, which the differential test (test/e2e/differential) checks against a real
 * kube-apiserver: it allows a disagreement only when kubesecret rejects, the server accepts, and
 * every problem kubesecret reports is covered by an entry here. docs/behaviour.md lists the same rules
 * ("Where kubesecret is stricter than the API server").
 */
import { CANONICAL_BASE64_RULE, KEY_SET_TWICE_RULE } from "../../src/validation/data";
import {
  ANNOTATIONS_ROOM_RULE,
  AUTONAME_RULE,
  GENERATE_NAME_CHARSET_RULE,
  GENERATE_NAME_ROOM_RULE,
} from "../../src/validation/metadata";
import { OWNER_NAME_PATH_SEGMENT_RULE, OWNER_UID_TWICE_RULE } from "../../src/validation/ownerReferences";
import type { Problem } from "../../src/validation/problem";
import { LONE_SURROGATE_RULE } from "../../src/validation/shapes";
import { AUTHS_RULE, JSON_OBJECT_RULE } from "../../src/validation/dockerConfig";
import { TLS_RULES } from "../../src/validation/typedContent";
import { TYPE_RULES } from "../../src/validation/types";

/** One rule kubesecret enforces that the API server does not. */
export interface DeliberateDifference {
  /** A short stable name, e.g. `type-misspelt`. */
  readonly id: string;
  /** What kubesecret rejects that the API server accepts. */
  readonly rule: string;
  /** Why kubesecret rejects it anyway. */
  readonly reason: string;
  /** Whether a problem kubesecret reports is this rule. */
  readonly covers: (problem: Problem) => boolean;
}

const TLS_KEYS = ["tls.crt", "tls.key", "ca.crt"];
const REGISTRY_CONFIG_KEYS = [".dockerconfigjson", ".dockercfg"];

/** The deliberate differences, one entry per rule. */
export const DELIBERATE_DIFFERENCES: readonly DeliberateDifference[] = [
  {
    id: "type-empty",
    rule: 'an explicit empty `type` (the API server stores it as "Opaque")',
    reason: "an empty string is almost always a value that went missing; omitting `type` gives Opaque",
    covers: (p) => p.field === "args.type" && p.rule === TYPE_RULES.empty,
  },
  {
    id: "type-misspelt",
    rule: "a `type` that differs from a built-in type only in case or punctuation (`opaque`, `kubernetes.io/TLS`)",
    reason: "the API server accepts any type string and would create a custom type that no consumer recognises",
    covers: (p) => p.field === "args.type" && p.rule.startsWith(TYPE_RULES.misspelt),
  },
  {
    id: "type-whitespace",
    rule: "a `type` containing whitespace",
    reason: "no Secret type has whitespace; it is a copy-paste accident that would create a custom type",
    covers: (p) => p.field === "args.type" && p.rule === TYPE_RULES.whitespace,
  },
  {
    id: "data-canonical-base64",
    rule: "a `data` value that is not canonical base64 (line breaks, non-zero padding bits)",
    reason:
      "the API server decodes leniently and stores its own encoding, so the stored value would never match the program's and every refresh would show drift",
    covers: (p) => p.rule === CANONICAL_BASE64_RULE,
  },
  {
    id: "data-key-set-twice",
    rule: "a key set in both `data` and `stringData`",
    reason: "the API server silently keeps the `stringData` value; one key should have one source",
    covers: (p) => p.rule.startsWith(KEY_SET_TWICE_RULE),
  },
  {
    id: "tls-content",
    rule: "`tls.crt` or `ca.crt` that is not a PEM certificate; `tls.key` that is not an unencrypted PEM private key of a kind Go's crypto/tls loads (RSA, ECDSA on P-224/256/384/521, Ed25519), or that does not sign for the certificate",
    reason:
      "the API server only requires both keys and merely warns about a pair crypto/tls cannot load; ingress controllers then fail later, far from the cause",
    covers: (p) => p.key !== undefined && TLS_KEYS.includes(p.key) && Object.values<string>(TLS_RULES).includes(p.rule),
  },
  {
    id: "registry-config-shape",
    rule: '`.dockercfg` or `.dockerconfigjson` that is JSON `null`, or a `.dockerconfigjson` without an "auths" object',
    reason:
      "the API server only requires a JSON object (and lets `null` through); the kubelet finds no credentials in either",
    covers: (p) =>
      p.key !== undefined &&
      REGISTRY_CONFIG_KEYS.includes(p.key) &&
      (p.rule === JSON_OBJECT_RULE || p.rule === AUTHS_RULE),
  },
  {
    id: "generate-name-room",
    rule: "a `generateName` longer than 244 characters, not counting one trailing `-`",
    reason:
      "the provider, not the API server, makes the name: the whole prefix, `-` and 8 hex digits, never truncated (the API server would cut the prefix to 58 characters and append 5)",
    covers: (p) => p.field === "args.generateName" && p.rule.startsWith(GENERATE_NAME_ROOM_RULE),
  },
  {
    id: "generate-name-whole-prefix",
    rule: "a `generateName` whose whole prefix does not start a valid name once `-` and 8 hex digits are appended (`x.-`, or a bad character past the 58th)",
    reason:
      "the API server checks its own generateName loosely: it cuts the prefix to 58 characters and ignores the character before a trailing `-`; the provider keeps the whole prefix",
    covers: (p) =>
      p.field === "args.generateName" &&
      (p.rule === GENERATE_NAME_CHARSET_RULE ||
        p.rule.startsWith(AUTONAME_RULE) ||
        p.rule.startsWith("the live name would start with")),
  },
  {
    id: "annotations-room",
    rule: "annotations within 24 bytes of the 256 KiB limit on a Secret with a fixed `name`",
    reason:
      'the provider adds `pulumi.com/autonamed: "true"` when it names the Secret; one limit for every Secret keeps a switch between fixed and generated names from failing',
    covers: (p) => p.field === "args.annotations" && p.rule.startsWith(ANNOTATIONS_ROOM_RULE),
  },
  {
    id: "lone-surrogate",
    rule: "a string argument (a name, key, label, annotation or value) holding a lone UTF-16 surrogate",
    reason:
      "UTF-8 cannot carry one: the client replaces it with U+FFFD on the way, so the server accepts a different string from the one the program wrote",
    covers: (p) => p.rule.endsWith(LONE_SURROGATE_RULE),
  },
  {
    id: "service-account-name",
    rule: "a `ServiceAccountTokenSecret` whose `serviceAccountName` is not a DNS-1123 subdomain",
    reason:
      "the API server only requires the annotation to be non-empty; a name no ServiceAccount can have gets no token, and the token controller deletes the Secret",
    covers: (p) => p.field === "args.serviceAccountName",
  },
  {
    id: "owner-uid-twice",
    rule: "two `ownerReferences` with the same uid",
    reason:
      "a create keeps both, or silently drops an exact copy with a warning, so the live list differs from the program's; server-side apply, which the provider uses, rejects the list",
    covers: (p) => p.field.startsWith("args.ownerReferences[") && p.rule.startsWith(OWNER_UID_TWICE_RULE),
  },
  {
    id: "owner-name-path-segment",
    rule: "an `ownerReferences` name that is `.` or `..` or contains `/` or `%`",
    reason: "no object can have such a name, so the reference can never name a real owner",
    covers: (p) => p.field.startsWith("args.ownerReferences[") && p.rule === OWNER_NAME_PATH_SEGMENT_RULE,
  },
];

/** The entry covering `problem`, if kubesecret reports it deliberately where the API server would not. */
export function deliberateDifferenceOf(problem: Problem): DeliberateDifference | undefined {
  return DELIBERATE_DIFFERENCES.find((difference) => difference.covers(problem));
}
