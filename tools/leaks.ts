/**
 * The one leak scanner of the demo and the tests: finding a secret value in text (CLI output,
 * engine events, state files) in the forms it could leak as — verbatim, JSON-escaped, hex, and
 * base64 / base64url, including inside a longer base64 string, where the value's encoding
 * depends on its byte offset, so all three alignments are tried. Multi-line values are also
 * looked for line by line (`scanValues`).
 */
import { randomBytes } from "node:crypto";

/** A unique, recognisable value to plant in a test and look for afterwards. */
export function canary(label = "canary"): string {
  return `${label}-${randomBytes(12).toString("hex")}`;
}

/** `fresh(label)` makes a canary and keeps it in `planted`, for a file's final leak scan. */
export function canaryJar(): { planted: string[]; fresh: (label: string) => string } {
  const planted: string[] = [];
  const fresh = (label: string) => {
    const value = canary(label);
    planted.push(value);
    return value;
  };
  return { planted, fresh };
}

/** The substrings that betray `value` (those of at least `minLength` characters). */
export function secretForms(value: string | Buffer, minLength = 8): string[] {
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
  const forms = new Set<string>();
  if (typeof value === "string") {
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
  }
  forms.add(bytes.toString("hex"));
  for (let offset = 0; offset < 3; offset++) {
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]);
    // Only the characters of 3-byte groups made entirely of the value's bytes are fixed.
    const from = 4 * Math.ceil(offset / 3);
    const to = 4 * Math.floor(shifted.length / 3);
    for (const encoding of ["base64", "base64url"] as const) {
      const inner = shifted.toString(encoding).slice(from, to);
      if (inner.length >= minLength) forms.add(inner);
    }
  }
  // Short strings would match by chance: scan for canaries, not for "" or "a".
  return [...forms].filter((f) => f.length >= minLength);
}

/**
 * The strings to look for, given secret values: each value, and each line of a multi-line value
 * (PEM armour lines such as `-----BEGIN CERTIFICATE-----` are public and left out).
 */
export function scanValues(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    out.add(value);
    const lines = value.split(/\r?\n/).map((l) => l.trim());
    if (lines.length < 2) continue;
    for (const line of lines) {
      if (line.length >= 8 && !/^-----(BEGIN|END) [A-Z ]+-----$/.test(line)) out.add(line);
    }
  }
  return [...out];
}

/** Every form of every value found in `text`, as `{ value, form }`. Empty when nothing leaks. */
export function findLeaks(text: string, values: ReadonlyArray<string | Buffer>): { value: string; form: string }[] {
  const found: { value: string; form: string }[] = [];
  for (const value of values) {
    for (const form of secretForms(value)) {
      if (text.includes(form)) found.push({ value: String(value), form });
    }
  }
  return found;
}

/**
 * Fails when `text` holds any value of `watched` (label → value; multi-line values also line by
 * line). The error names the labels and `where`, never a value.
 */
export function assertNoLeaks(text: string, where: string, watched: ReadonlyMap<string, string>): void {
  const labels = [...watched].filter(([, value]) => findLeaks(text, scanValues([value])).length > 0).map(([l]) => l);
  if (labels.length) throw new Error(`${labels.join(", ")} ${labels.length > 1 ? "appear" : "appears"} in ${where}`);
}

/** The base64 body of a PEM block, armour and line breaks removed: what would betray a key in text. */
export function pemBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
}

/** The ciphertext marker of a Pulumi secret in state: `{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": ...}`. */
export const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";
export const SECRET_SIGNATURE_VALUE = "1b47061264138c4ac30d75fd1eb44270";
