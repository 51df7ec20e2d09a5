/**
 * The keys and contents the other built-in types require: registry configurations (JSON shapes,
 * including where Go's encoding/json and JSON.parse part ways), SSH keys, basic-auth credentials
 * and service-account tokens — each through its class and through a Secret of that type.
 */
import fc from "fast-check";
import { SecretType } from "../../../../src/validation/types";
import type { Case } from "../case";
import { objectName } from "./names";

const nested = (depth: number) => `{"auths":{},"x":${"[".repeat(depth)}${"]".repeat(depth)}}`;
const nestedObjects = (depth: number) => `{"auths":{},"x":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`;

/** JSON documents where the API server and JSON.parse could disagree, and plain wrong ones. */
const SPECIAL_JSON = [
  "null",
  "[]",
  "{}",
  '"auths"',
  "1",
  "true",
  '{"auths":null}',
  '{"auths":[]}',
  '{"auths":"x"}',
  '{"auths":{}}',
  '{"auths":{"r.example":{"auth":"dTpw"}}}',
  "\uFEFF{}",
  "",
  " ",
  "{",
  '{"auths":{},}',
  "{'auths':{}}",
  '{"auths":{}} // comment',
  '{"auths":{}}\n',
  '{"auths":{}}\u00a0',
  '{"auths":{},"n":NaN}',
  '{"auths":{},"n":Infinity}',
  '{"auths":{},"n":1e308}',
  '{"auths":{},"n":1.7976931348623157e308}',
  '{"auths":{},"n":1.7976931348623159e308}',
  '{"auths":{},"n":1e309}',
  '{"auths":{},"n":-1e309}',
  '{"auths":{},"n":1e-400}',
  `{"auths":{},"n":1${"0".repeat(400)}}`,
  '{"auths":{},"n":01}',
  '{"auths":{},"n":-0}',
  '{"auths":{},"s":"\\ud800"}',
  '{"auths":{},"s":"\u0001"}',
  '{"auths":{},"s":"\\u0000"}',
  '{"auths":{},"s":"\\x41"}',
  '{"auths":{},"auths":[]}',
  nested(9998),
  nested(9999),
  nested(10000),
  nestedObjects(9998),
  nestedObjects(9999),
  nestedObjects(10000),
];

/** Registry configuration texts: the special cases, any JSON, and objects with `auths` of any shape. */
export const registryJson: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_JSON) },
  { weight: 1, arbitrary: fc.json() },
  { weight: 2, arbitrary: fc.jsonValue().map((auths) => JSON.stringify({ auths })) },
  {
    weight: 1,
    arbitrary: fc
      .dictionary(fc.string(), fc.record({ username: fc.string(), password: fc.string() }))
      .map((auths) => JSON.stringify({ auths })),
  },
);

export interface RegistryInput {
  readonly via: "DockerConfigSecret" | "Secret";
  readonly type: string;
  readonly key: string | undefined;
  readonly json: string;
}

export const registryInput: fc.Arbitrary<RegistryInput> = fc.record({
  via: fc.constantFrom("DockerConfigSecret", "Secret", "Secret"),
  type: fc.constantFrom(SecretType.DockerConfigJson, SecretType.DockerCfg),
  // The type's own key, the other type's key, or none.
  key: fc.constantFrom<string | undefined>("own", "own", "own", "own", ".dockercfg", ".dockerconfigjson", undefined),
  json: registryJson,
});

export function registryCase(input: RegistryInput): Case {
  if (input.via === "DockerConfigSecret")
    return { className: "DockerConfigSecret", args: { dockerConfigJson: input.json } };
  const own = input.type === SecretType.DockerCfg ? ".dockercfg" : ".dockerconfigjson";
  const key = input.key === "own" ? own : input.key;
  return {
    className: "Secret",
    args: { type: input.type, stringData: key === undefined ? { other: "x" } : { [key]: input.json } },
  };
}

/** A value that is absent, empty, or any text. */
const maybeText = fc.oneof(fc.constant(undefined), fc.constant(""), fc.string({ minLength: 1, maxLength: 40 }));

export const sshInput = fc.record({
  via: fc.constantFrom("SshAuthSecret", "Secret"),
  privateKey: maybeText,
  knownHosts: maybeText,
});

/** What an arbitrary generates. */
type InputOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

export function sshCase(input: InputOf<typeof sshInput>): Case {
  const { privateKey, knownHosts } = input;
  if (input.via === "SshAuthSecret") {
    return {
      className: "SshAuthSecret",
      args: {
        ...(privateKey === undefined ? {} : { privateKey }),
        ...(knownHosts === undefined ? {} : { knownHosts }),
      },
    };
  }
  const stringData: Record<string, string> = {};
  if (privateKey !== undefined) stringData["ssh-privatekey"] = privateKey;
  if (knownHosts !== undefined) stringData["known_hosts"] = knownHosts;
  return { className: "Secret", args: { type: SecretType.SshAuth, stringData } };
}

export const basicAuthInput = fc.record({
  via: fc.constantFrom("BasicAuthSecret", "Secret", "Secret"),
  username: maybeText,
  password: maybeText,
  other: fc.boolean(),
});

export function basicAuthCase(input: InputOf<typeof basicAuthInput>): Case {
  const { username, password } = input;
  const values = { ...(username === undefined ? {} : { username }), ...(password === undefined ? {} : { password }) };
  if (input.via === "BasicAuthSecret") {
    // The class's TypeScript signature requires both; a program cannot leave one out.
    return { className: "BasicAuthSecret", args: { username: username ?? "", password: password ?? "" } };
  }
  return {
    className: "Secret",
    args: { type: SecretType.BasicAuth, stringData: { ...values, ...(input.other ? { other: "x" } : {}) } },
  };
}

export const serviceAccountInput = fc.record({
  via: fc.constantFrom("ServiceAccountTokenSecret", "Secret"),
  account: fc.oneof(objectName, fc.constant(undefined)),
  otherAnnotation: fc.boolean(),
});

export function serviceAccountCase(input: InputOf<typeof serviceAccountInput>): Case {
  const other: Record<string, string> = input.otherAnnotation ? { "example.com/owner": "team" } : {};
  if (input.via === "ServiceAccountTokenSecret") {
    return {
      className: "ServiceAccountTokenSecret",
      args: { serviceAccountName: input.account ?? "", annotations: other },
    };
  }
  return {
    className: "Secret",
    args: {
      type: SecretType.ServiceAccountToken,
      annotations: {
        ...other,
        ...(input.account === undefined ? {} : { "kubernetes.io/service-account.name": input.account }),
      },
    },
  };
}
