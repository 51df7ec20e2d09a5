/**
 * fast-check generators for env files and file trees, shared by the unit tests (with an
 * expected result built alongside) and the kubectl comparison (test/e2e/kubectl-sources.test.ts).
 */
import fc from "fast-check";
import type { EnvEntry } from "../../../src/sources/envFile";

/** Go's unicode.IsSpace without '\n': what kubectl trims from the start of a line. */
export const GO_SPACES = [
  "\t",
  "\v",
  "\f",
  "\r",
  " ",
  "\u0085",
  "\u00A0",
  "\u1680",
  "\u2000",
  "\u2005",
  "\u200A",
  "\u2028",
  "\u2029",
  "\u202F",
  "\u205F",
  "\u3000",
];

/** Whether a string survives a UTF-8 round trip (no lone surrogates). */
export function wellFormed(s: string): boolean {
  return Buffer.from(s, "utf8").toString("utf8") === s;
}

/** A key kubectl accepts in an env file. */
export function envKey(): fc.Arbitrary<string> {
  return fc.stringMatching(/^[-._a-zA-Z][-._a-zA-Z0-9]{0,24}$/).filter((k) => k !== "." && !k.startsWith(".."));
}

/** Text that may appear in a value: anything but '\n', with the characters that matter weighted up. */
export function envText(maxLength = 40): fc.Arbitrary<string> {
  const special = fc.constantFrom(
    "=",
    "#",
    '"',
    "'",
    " ",
    "\t",
    "\r",
    "\\",
    "$",
    "\uFEFF",
    "\u3000",
    "é",
    "🔑",
    "\u0000",
  );
  const unit = fc.oneof({ weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) }, special);
  return fc
    .array(unit, { maxLength })
    .map((parts) => parts.join("").replace(/\n/g, ""))
    .filter(wellFormed);
}

const leading = fc.array(fc.constantFrom(...GO_SPACES), { maxLength: 3 }).map((s) => s.join(""));

type Line =
  | { kind: "entry"; lead: string; key: string; value: string }
  | { kind: "fromEnv"; lead: string; key: string; value: string }
  | { kind: "comment"; lead: string; text: string }
  | { kind: "blank"; lead: string };

const line: fc.Arbitrary<Line> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant("entry" as const), lead: leading, key: envKey(), value: envText() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("fromEnv" as const),
      lead: leading,
      key: envKey(),
      value: envText(10),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("comment" as const), lead: leading, text: envText(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("blank" as const), lead: leading }) },
);

/** A valid env file, its bytes, and what kubectl reads from it (given `environment`). */
export interface EnvCase {
  readonly bytes: Buffer;
  readonly expected: EnvEntry[];
  readonly environment: Record<string, string>;
}

/** Valid env files: entries, `KEY` lines, comments, blank lines; LF or CRLF; optional BOM and final newline. */
export function envCase(): fc.Arbitrary<EnvCase> {
  return fc
    .record({
      lines: fc.array(fc.record({ line, crlf: fc.boolean() }), { maxLength: 12 }),
      bom: fc.boolean(),
      finalNewline: fc.boolean(),
    })
    .map(({ lines, bom, finalNewline }) => {
      const expected: EnvEntry[] = [];
      const environment: Record<string, string> = {};
      const text = lines
        .map(({ line: l, crlf }, index) => {
          const last = index === lines.length - 1;
          const ending = last && !finalNewline ? "" : crlf ? "\r\n" : "\n";
          // The reader drops one CR before the line end (or at the end of the file).
          const dropCr = (v: string) => (ending !== "\r\n" && v.endsWith("\r") ? v.slice(0, -1) : v);
          const lineNumber = index + 1;
          switch (l.kind) {
            case "entry":
              expected.push({ key: l.key, value: dropCr(l.value), line: lineNumber });
              return `${l.lead}${l.key}=${l.value}${ending}`;
            case "fromEnv":
              environment[l.key] = l.value;
              expected.push({ key: l.key, value: l.value, line: lineNumber });
              return `${l.lead}${l.key}${ending}`;
            case "comment":
              return `${l.lead}#${l.text}${ending}`;
            case "blank":
              return `${l.lead}${ending}`;
          }
        })
        .join("");
      // A later `KEY` line reads the environment as it is in the end.
      for (const entry of expected) {
        const source = lines[entry.line - 1]!.line;
        if (source.kind === "fromEnv") (entry as { value: string }).value = environment[entry.key] ?? "";
      }
      return { bytes: Buffer.from((bom ? "\uFEFF" : "") + text, "utf8"), expected, environment };
    });
}
