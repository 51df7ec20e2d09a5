/**
 * Generated inputs for the loaders, valid or not, written to a temp dir: env files with any mix
 * of good and bad lines, and directories of files, dotfiles, subdirectories, symbolic links and
 * pipes. The kubectl comparison (test/e2e/kubectl-sources.test.ts) runs kubectl and the loaders
 * on the same files; the unit tests use them for properties that need no oracle.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { MAX_ENV_LINE_BYTES } from "../../../src/sources/envFile";
import { GO_SPACES, envKey, envText } from "./arbitraries";

/** Names of variables that `KEY` lines read (see {@link environment}). */
const VARIABLES = ["A", "B", "db.password", "_x", "-"];

/** Keys drawn from a small pool collide: duplicates are part of the input space. */
const pooledKey = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom("A", "B", "db.password", "_x", "-") },
  { weight: 3, arbitrary: envKey() },
);
const invalidEnvKey = fc.oneof(
  fc.constantFrom("1A", "A B", "ä", "a/b", "..x", ".", "..", "$X", "export A", "A\u00A0"),
  fc.constant("K".repeat(254)),
);
const lead = fc.array(fc.constantFrom(...GO_SPACES), { maxLength: 2 }).map((s) => s.join(""));
const ending = fc.constantFrom("\n", "\r\n");

/** A line kubectl accepts (bytes, without its ending). */
const goodLine: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(lead, pooledKey, envText()).map(([l, k, v]) => utf8(`${l}${k}=${v}`)) },
  {
    weight: 2,
    arbitrary: fc.tuple(lead, fc.constantFrom(...VARIABLES, "UNSET_VAR")).map(([l, k]) => utf8(`${l}${k}`)),
  },
  { weight: 2, arbitrary: fc.tuple(lead, envText(20)).map(([l, t]) => utf8(`${l}#${t}`)) },
  { weight: 1, arbitrary: lead.map(utf8) },
);

/** Any line, good or not. */
const anyLine: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 13, arbitrary: goodLine },
  { weight: 1, arbitrary: fc.tuple(invalidEnvKey, fc.boolean()).map(([k, eq]) => utf8(eq ? `${k}=v` : k)) },
  { weight: 1, arbitrary: pooledKey.map((k) => utf8(`\uFEFF${k}=bom`)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(pooledKey, fc.constantFrom(0xff, 0xc3, 0xed, 0x80), fc.boolean())
      .map(([k, b, comment]) => Buffer.concat([utf8(comment ? "# x" : `${k}=x`), Buffer.from([b])])),
  },
  {
    weight: 1,
    // Around kubectl's line limit (its reader stops silently at 64 KiB).
    arbitrary: fc
      .tuple(pooledKey, fc.integer({ min: MAX_ENV_LINE_BYTES - 1, max: MAX_ENV_LINE_BYTES + 2 }))
      .map(([k, n]) => utf8(`${k}=`.padEnd(n, "x"))),
  },
);

/** An env file: good lines only or any lines, LF or CRLF, an optional BOM, an optional final line end. */
export const envFileBytes: fc.Arbitrary<Buffer> = fc
  .record({
    lines: fc.oneof(
      fc.array(fc.tuple(goodLine, ending), { maxLength: 10 }),
      fc.array(fc.tuple(anyLine, ending), { maxLength: 10 }),
    ),
    bom: fc.boolean(),
    finalEnding: fc.boolean(),
  })
  .map(({ lines, bom, finalEnding }) => {
    const parts = lines.flatMap(([line, end], i) => [line, utf8(i < lines.length - 1 || finalEnding ? end : "")]);
    return Buffer.concat([utf8(bom ? "\uFEFF" : ""), ...parts]);
  });

/** Variables the env files' `KEY` lines may read (mostly set: an unset one is refused on purpose). */
export const environment: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom(...VARIABLES),
  envText(12).map((v) => v.replace(/\0/g, "")),
  { minKeys: 3, maxKeys: VARIABLES.length },
);

/** A directory entry. */
export type TreeNode =
  | { kind: "file"; name: string; content: Buffer }
  | { kind: "dir"; name: string; children: TreeNode[] }
  | { kind: "symlink"; name: string; target: string }
  | { kind: "fifo"; name: string };

const validName = fc.oneof(
  fc.stringMatching(/^[-_a-zA-Z0-9][-._a-zA-Z0-9]{0,15}$/),
  fc.stringMatching(/^\.[-_a-zA-Z0-9][-._a-zA-Z0-9]{0,10}$/),
);
const invalidName = fc.constantFrom("a b", "ü.txt", "..x", "x~", "#x", "tab\tname", "$y", "a:b");
const fileName = fc.oneof({ weight: 9, arbitrary: validName }, { weight: 1, arbitrary: invalidName });
const content: fc.Arbitrary<Buffer> = fc.oneof(
  envText(60).map(utf8),
  fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b)),
  fc.constant(Buffer.alloc(0)),
  envText(20).map((t) => utf8(`\uFEFF${t}\r\n`)),
);
const leaf: fc.Arbitrary<TreeNode> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("file" as const), name: fileName, content }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("symlink" as const),
      name: validName,
      // "@file": a regular file of the same directory; "../outside.txt": see writeTree.
      target: fc.constantFrom("sub", "missing", "@file", "../outside.txt"),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("fifo" as const), name: validName }) },
);

/** A directory's entries (names unique): files, links, pipes and at most one level of subdirectory. */
export const directory: fc.Arbitrary<TreeNode[]> = fc
  .tuple(
    fc.uniqueArray(leaf, { maxLength: 6, selector: (n) => n.name }),
    fc.option(fc.uniqueArray(leaf, { maxLength: 2, selector: (n) => n.name })),
  )
  .map(([entries, sub]) => {
    const file = entries.find((e) => e.kind === "file")?.name ?? "missing";
    const linked = entries.map((e) => (e.kind === "symlink" && e.target === "@file" ? { ...e, target: file } : e));
    return sub === null || entries.some((e) => e.name === "sub")
      ? linked
      : [...linked, { kind: "dir" as const, name: "sub", children: sub }];
  });

/** A directory and how it is given: as a directory, and/or some entries as files (with a key or not). */
export interface TreeCase {
  nodes: TreeNode[];
  withDirectory: boolean;
  picks: { index: number; key: string | null }[];
}

export const treeCase: fc.Arbitrary<TreeCase> = directory.chain((nodes) =>
  fc.record({
    nodes: fc.constant(nodes),
    withDirectory: fc.boolean(),
    picks: fc.array(
      fc.record({
        index: fc.nat(Math.max(nodes.length - 1, 0)),
        key: fc.option(fc.constantFrom("picked", "A", "bad key", "..k", ".dot")),
      }),
      { maxLength: 2 },
    ),
  }),
);

/** Env files as kubectl reads them: its line reader stops silently at a line of 64 KiB or more. */
export function asKubectlReadsIt(bytes: Buffer): Buffer {
  const lines = bytes.toString("latin1").split("\n");
  const long = lines.findIndex((line) => line.length > MAX_ENV_LINE_BYTES);
  return long < 0 ? bytes : Buffer.from(lines.slice(0, long).join("\n") + (long > 0 ? "\n" : ""), "latin1");
}

/** Writes `nodes` into `dir` (which must exist), and a regular file `outside.txt` next to it. */
export function writeTree(dir: string, nodes: readonly TreeNode[]): void {
  fs.writeFileSync(path.join(path.dirname(dir), "outside.txt"), "outside");
  writeNodes(dir, nodes);
}

function writeNodes(dir: string, nodes: readonly TreeNode[]): void {
  for (const node of nodes) {
    const at = path.join(dir, node.name);
    switch (node.kind) {
      case "file":
        fs.writeFileSync(at, node.content);
        break;
      case "dir":
        fs.mkdirSync(at);
        writeNodes(at, node.children);
        break;
      case "symlink":
        fs.symlinkSync(node.target, at);
        break;
      case "fifo":
        execFileSync("mkfifo", [at]);
        break;
    }
  }
}

/** Top-level regular files of a tree, i.e. what may be given to fromFile. */
export function regularFiles(nodes: readonly TreeNode[]): Extract<TreeNode, { kind: "file" }>[] {
  return nodes.filter((n): n is Extract<TreeNode, { kind: "file" }> => n.kind === "file");
}

function utf8(text: string): Buffer {
  return Buffer.from(text, "utf8");
}

const withCredentials = fc.oneof(
  fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 })).map(([u, p]) => ({
    auth: Buffer.from(`${u}:${p}`).toString("base64"),
  })),
  fc.record({ username: fc.string({ maxLength: 8 }), password: fc.string({ maxLength: 8 }) }),
);
const withoutCredentials = fc.oneof(
  fc.constant({}),
  fc.record({ email: fc.string({ maxLength: 8 }) }),
  fc.record({ identitytoken: fc.string({ maxLength: 8 }) }),
);
const registryEntry = fc.oneof({ weight: 3, arbitrary: withCredentials }, { weight: 1, arbitrary: withoutCredentials });

/** docker config files: auths with or without credentials, credential stores, formatting; sometimes broken. */
export const dockerConfigText: fc.Arbitrary<string> = fc
  .record({
    config: fc.record(
      {
        auths: fc.dictionary(fc.constantFrom("ghcr.io", "https://index.docker.io/v1/", "r.test:5000"), registryEntry, {
          maxKeys: 3,
        }),
        credsStore: fc.constantFrom("desktop", "osxkeychain"),
        credHelpers: fc.dictionary(fc.constantFrom("gcr.io", "ecr.test"), fc.constant("helper"), { maxKeys: 1 }),
        HttpHeaders: fc.constant({ "User-Agent": "Docker-Client/27" }),
      },
      { requiredKeys: [] },
    ),
    indent: fc.constantFrom(0, 1, 2, "\t"),
    newline: fc.boolean(),
    broken: fc.constantFrom(false, false, false, false, true),
  })
  .map(({ config, indent, newline, broken }) => {
    const text = JSON.stringify(config, null, indent) + (newline ? "\n" : "");
    return broken ? text.slice(0, -2) : text;
  });

/** Bytes as readable text: invalid UTF-8 as \xNN, long runs of one character shortened. */
export function describeBytes(bytes: Buffer): string {
  let text = "";
  for (let i = 0; i < bytes.length;) {
    const width = utf8Width(bytes, i);
    text +=
      width === 0 ? `\\x${bytes[i]!.toString(16).padStart(2, "0")}` : bytes.subarray(i, i + width).toString("utf8");
    i += Math.max(width, 1);
  }
  return JSON.stringify(text).replace(/(.)\1{15,}/gu, (run, c: string) => `${c}{×${[...run].length}}`);
}

/** Gives a generated case a short printed form (fast-check prints counterexamples with it). */
export function printable<T extends object>(value: T): T {
  const describe = () =>
    JSON.stringify(value, (_k, v: unknown) =>
      v && typeof v === "object" && (v as { type?: string }).type === "Buffer"
        ? describeBytes(Buffer.from((v as { data: number[] }).data))
        : v,
    );
  return Object.assign(Object.create(Object.getPrototypeOf(value) as object) as T, value, {
    [fc.toStringMethod]: describe,
  });
}

/** The length of the valid UTF-8 sequence at `i`, or 0. */
function utf8Width(bytes: Buffer, i: number): number {
  for (const width of [1, 2, 3, 4]) {
    const slice = bytes.subarray(i, i + width);
    if (slice.length === width && Buffer.from(slice.toString("utf8"), "utf8").equals(slice)) return width;
  }
  return 0;
}
