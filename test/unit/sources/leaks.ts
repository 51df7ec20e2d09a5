/**
 * Values a program might pass where a loader expects a path, and the check that an error holds
 * nothing of them: not in its message, stack, String() or any property, not in part (each line,
 * overlapping slices), not as hex or base64 of the bytes, not as a hash.
 */
import { createHash, randomBytes } from "node:crypto";
import * as util from "node:util";
import { expect } from "vitest";
import { makeTlsPair } from "../../../tools/tls.ts";

/** A value given where a path belongs, and the texts of it that must never be printed. */
export interface Canary {
  readonly name: string;
  readonly value: unknown;
  readonly secrets: readonly string[];
}

const mark = () => `canary${randomBytes(6).toString("hex")}`;
const longText = `${mark()}${randomBytes(60 * 1024).toString("base64")}`; // 80 KiB of text, one line
const pemKey = makeTlsPair("canary.test").key;
const password = `hunter2!${mark()}`;
const envContent = `DB_HOST=db.internal\nDB_PASSWORD=${mark()}\nAPI_TOKEN=${mark()}\n`;
const json = JSON.stringify({ auths: { "ghcr.io": { auth: Buffer.from(`bot:${mark()}`).toString("base64") } } });
const multiLine = `first ${mark()}\nsecond ${mark()}\r\nthird ${mark()}`;
const bytes = Buffer.concat([Buffer.from(`-----BEGIN PRIVATE KEY-----\n${mark()}\n`), randomBytes(48)]);
const number = 900_000_000 + Math.floor(Math.random() * 90_000_000);
const inObject = mark();
const inArray = mark();
const inFunction = mark();
const inUrl = mark();
const inSymbol = mark();
const afterNewline = mark();
const afterNul = mark();
const afterEscape = mark();

/** Every kind of value given by mistake; none of them names an existing path. */
export const CANARIES: readonly Canary[] = [
  { name: "a one-line value (a password from the environment)", value: password, secrets: [password] },
  { name: "a file's contents (an env file)", value: envContent, secrets: [envContent] },
  { name: "a PEM private key", value: pemKey, secrets: [pemKey] },
  { name: "JSON (a docker config)", value: json, secrets: [json] },
  { name: "a Buffer", value: bytes, secrets: bytesAsText(bytes) },
  { name: "a Uint8Array", value: new Uint8Array(bytes), secrets: bytesAsText(bytes) },
  { name: "a multi-line string", value: multiLine, secrets: [multiLine] },
  { name: "a string over 64 KiB", value: longText, secrets: [longText] },
  { name: "a path with a line break", value: `tls.crt\n${afterNewline}`, secrets: [afterNewline] },
  { name: "a path with a NUL byte", value: `tls.crt\0${afterNul}`, secrets: [afterNul] },
  { name: "a string with terminal escapes", value: `\u001b[2J\u001b[31m${afterEscape}`, secrets: [afterEscape] },
  { name: "undefined", value: undefined, secrets: [] },
  { name: "null", value: null, secrets: [] },
  { name: "a number", value: number, secrets: [String(number), number.toLocaleString("en-US")] },
  { name: "a bigint", value: BigInt(number), secrets: [String(number)] },
  { name: "an object whose toString returns a secret", value: objectWith(inObject), secrets: [inObject] },
  { name: "an array holding a secret", value: [inArray], secrets: [inArray] },
  { name: "a function returning a secret", value: () => inFunction, secrets: [inFunction] },
  { name: "a file URL", value: new URL(`file:///run/${inUrl}`), secrets: [inUrl] },
  { name: "a symbol", value: Symbol(inSymbol), secrets: [inSymbol] },
];

/** Canaries that a loader's optional argument takes as "not given" (and so accepts). */
export const absentWhenOptional = (c: Canary) => c.value !== undefined;

/** A value inside an existing directory: `dir/leaf` names nothing, and `leaf` is the secret. */
export function nestedCanary(dir: string): Canary {
  const leaf = `${mark()}-s3cret`;
  return { name: "a missing file in an existing directory", value: `${dir}/${leaf}`, secrets: [leaf] };
}

/** Everything an error can show: message, stack, String(), util.inspect with hidden properties, JSON of all own properties. */
export function everythingIn(err: Error): string {
  const own = Object.getOwnPropertyNames(err);
  return [
    String(err),
    err.message,
    err.stack ?? "",
    util.inspect(err, { depth: 10, showHidden: true, maxStringLength: Infinity }),
    JSON.stringify(err, own),
    ...own.map((name) => util.inspect((err as unknown as Record<string, unknown>)[name], { depth: 10 })),
  ].join("\n");
}

/** Asserts `text` holds none of `secrets`, in whole or in part, as encoded or as hashes. */
export function expectNothingOf(secrets: readonly string[], text: string): void {
  for (const needle of secrets.flatMap(needles)) {
    expect(text.includes(needle), `the error holds ${JSON.stringify(needle.slice(0, 40))}…`).toBe(false);
  }
}

/** The secret, each line, slices of 12 characters (about 200 of them), and hashes of it. */
function needles(secret: string): string[] {
  const lines = secret.split(/\r\n|\r|\n/).filter((line) => line.trim().length >= 8);
  const step = Math.max(6, Math.floor(secret.length / 200));
  const slices: string[] = [];
  for (let i = 0; i + 12 <= secret.length; i += step) slices.push(secret.slice(i, i + 12));
  const hashes = ["sha256", "sha1", "md5"].flatMap((algorithm) => {
    const digest = createHash(algorithm).update(secret).digest();
    return [digest.toString("hex").slice(0, 16), digest.toString("base64").slice(0, 16)];
  });
  return [secret, ...lines, ...slices.filter((s) => s.trim().length === 12), ...hashes];
}

/** The bytes as text every way an error could print them. */
function bytesAsText(data: Buffer): string[] {
  return [data.toString("utf8"), data.toString("latin1"), data.toString("hex"), data.toString("base64")];
}

function objectWith(secret: string): object {
  return { password: secret, toString: () => secret, toJSON: () => secret, [util.inspect.custom]: () => secret };
}
