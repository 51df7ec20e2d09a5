/**
 * TLS Secrets: which keys are there, and what each holds — a certificate and key that match,
 * keys in every PEM encoding, the key of another pair, and the ways PEM goes wrong in practice
 * (CRLF, chains, combined files, text around it, indentation, truncation, a changed character).
 * Inputs name variants and pairs by index; {@link tlsCase} renders them from the run's material.
 */
import fc from "fast-check";
import type { Case } from "../case";
import type { TlsMaterial } from "../tlsMaterial";

const CERT_FORMS = [
  "cert",
  "chain",
  "key-then-cert",
  "crlf",
  "no-final-newline",
  "text-around",
  "indented",
  "trailing-spaces",
  "truncated",
  "one-char-changed",
  "x509-label",
  "der",
  "empty",
  "garbage",
  "key",
] as const;
const KEY_FORMS = [
  "pkcs8",
  "traditional",
  "encrypted",
  "cert-then-key",
  "crlf",
  "text-around",
  "indented",
  "truncated",
  "one-char-changed",
  "empty",
  "garbage",
  "cert",
] as const;
const CA_FORMS = ["none", "cert", "chain", "garbage", "empty", "key"] as const;

export interface TlsInput {
  readonly via: "TlsSecret" | "Secret";
  readonly certPair: number;
  /** The key's pair: the certificate's most of the time. */
  readonly keyPair: number;
  readonly cert: (typeof CERT_FORMS)[number] | "absent";
  readonly key: (typeof KEY_FORMS)[number] | "absent";
  readonly ca: (typeof CA_FORMS)[number];
  /** Which character `one-char-changed` changes (taken modulo the body's length). */
  readonly at: number;
}

/** The plain form two times in three; otherwise one of the others, or (rarely) none at all. */
function form<F extends string>(forms: readonly F[]): fc.Arbitrary<F | "absent"> {
  const [plain, ...others] = forms;
  return fc.oneof(
    { weight: 20, arbitrary: fc.constant(plain!) },
    { weight: 9, arbitrary: fc.constantFrom(...others) },
    { weight: 1, arbitrary: fc.constant("absent" as const) },
  );
}

/** TLS inputs over `pairs` pairs of material. */
export function tlsInput(pairs: number): fc.Arbitrary<TlsInput> {
  const pair = fc.nat({ max: pairs - 1 });
  return fc
    .record({
      via: fc.constantFrom("TlsSecret", "Secret"),
      certPair: pair,
      otherKey: fc.option(pair, { freq: 6 }),
      cert: form(CERT_FORMS),
      key: form(KEY_FORMS),
      ca: fc.oneof(
        { weight: 3, arbitrary: fc.constant("none" as const) },
        { weight: 2, arbitrary: fc.constantFrom(...CA_FORMS) },
      ),
      at: fc.nat(),
    })
    .map(({ otherKey, ...input }) => ({ ...input, keyPair: otherKey ?? input.certPair }));
}

/** Changes one base64 character of the PEM body (never a line break or the armour). */
function changeOneChar(pem: string, at: number): string {
  const start = pem.indexOf("\n") + 1;
  const end = pem.indexOf("-----END");
  const body = [...pem.slice(start, end)].map((c, i) => [c, i] as const).filter(([c]) => c !== "\n");
  if (body.length === 0) return pem;
  const [c, i] = body[at % body.length]!;
  const replacement = c === "A" ? "B" : "A";
  return pem.slice(0, start + i) + replacement + pem.slice(start + i + 1);
}

/** The variants a PEM text can take; `at` picks the changed character. */
function pemForm(pem: string, form: string, at: number, extra: string): string {
  switch (form) {
    case "crlf":
      return pem.replace(/\n/g, "\r\n");
    case "no-final-newline":
      return pem.trimEnd();
    case "text-around":
      return `Subject: CN=diff.test\n${pem}\n# end\n`;
    case "indented":
      return pem.replace(/^/gm, "  ");
    case "trailing-spaces":
      return pem.replace(/\n/g, "  \n");
    case "truncated":
      return pem.slice(0, Math.floor(pem.length * 0.6));
    case "one-char-changed":
      return changeOneChar(pem, at);
    case "x509-label":
      return pem.replace(/(BEGIN|END) CERTIFICATE/g, "$1 X509 CERTIFICATE");
    case "chain":
    case "key-then-cert":
    case "cert-then-key":
      return form === "cert-then-key" || form === "key-then-cert" ? extra + pem : pem + extra;
    case "empty":
      return "";
    case "garbage":
      return "not a PEM block at all\n";
    default:
      return pem;
  }
}

/** The case for a TLS input: a TlsSecret, or a Secret of type kubernetes.io/tls. */
export function tlsCase(input: TlsInput, material: readonly TlsMaterial[]): Case {
  const certSide = material[input.certPair]!;
  const keySide = material[input.keyPair]!;
  const other = material[(input.certPair + 1) % material.length]!;
  let derCert: string | undefined;
  const cert = (() => {
    switch (input.cert) {
      case "absent":
        return undefined;
      case "der":
        derCert = Buffer.from(certSide.cert.replace(/-----[^-]+-----|\s/g, ""), "base64").toString("base64");
        return undefined;
      case "key":
        return keySide.key;
      case "chain":
        return pemForm(certSide.cert, "chain", input.at, other.cert);
      case "key-then-cert":
        return pemForm(certSide.cert, "key-then-cert", input.at, keySide.key);
      default:
        return pemForm(certSide.cert, input.cert, input.at, "");
    }
  })();
  const key = (() => {
    switch (input.key) {
      case "absent":
        return undefined;
      case "traditional":
        return keySide.traditionalKey ?? keySide.key;
      case "encrypted":
        return keySide.encryptedKey;
      case "cert":
        return certSide.cert;
      case "cert-then-key":
        return pemForm(keySide.key, "cert-then-key", input.at, certSide.cert);
      default:
        return pemForm(keySide.key, input.key, input.at, "");
    }
  })();
  const ca = {
    none: undefined,
    cert: other.cert,
    chain: other.cert + certSide.cert,
    garbage: "not a PEM block at all\n",
    empty: "",
    key: other.key,
  }[input.ca];
  const damaged = input.cert === "one-char-changed" || input.key === "one-char-changed";
  if (input.via === "TlsSecret" && derCert === undefined) {
    return {
      className: "TlsSecret",
      damaged,
      args: {
        ...(cert === undefined ? {} : { cert }),
        ...(key === undefined ? {} : { key }),
        ...(ca === undefined ? {} : { caCert: ca }),
      },
    };
  }
  const stringData: Record<string, string> = {};
  if (cert !== undefined) stringData["tls.crt"] = cert;
  if (key !== undefined) stringData["tls.key"] = key;
  if (ca !== undefined) stringData["ca.crt"] = ca;
  return {
    className: "Secret",
    damaged,
    args: { type: "kubernetes.io/tls", stringData, ...(derCert === undefined ? {} : { data: { "tls.crt": derCert } }) },
  };
}
