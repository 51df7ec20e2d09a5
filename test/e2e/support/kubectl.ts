/**
 * kubectl as an oracle for the file loaders: the binary the toolchain built (first on the e2e
 * PATH, next to pulumi and kube-apiserver), run with a controlled environment, and the TLS
 * material its `create secret tls` form is compared on.
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { e2eContext } from "./context";

/** kubectl's result: the Secret's data (key → base64), or its error. */
export type Outcome = { ok: true; data: Record<string, string> } | { ok: false; message: string };

let kubectlPath: string | undefined;
let home: string | undefined;

/** The toolchain's kubectl: the first on the e2e PATH. */
export function kubectl(): string {
  if (kubectlPath) return kubectlPath;
  for (const dir of (e2eContext().env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "kubectl");
    if (dir && fs.existsSync(candidate)) return (kubectlPath = candidate);
  }
  throw new Error("no kubectl on the e2e PATH: tools/toolchain/build builds it next to kube-apiserver");
}

/** The whole environment kubectl runs with: `extra` (what env files' `KEY` lines read) and what it needs. */
export function kubectlEnv(extra: Record<string, string> = {}): Record<string, string> {
  home ??= fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-kubectl-home-"));
  return { ...extra, PATH: e2eContext().env.PATH ?? "", HOME: home, KUBECONFIG: e2eContext().kubeconfigPath };
}

/**
 * `kubectl create secret <args> --dry-run=<dryRun> -o json`. With `server`, the API server
 * validates the object without storing it (in `namespace`).
 */
export function runKubectl(
  args: readonly string[],
  extraEnv: Record<string, string> = {},
  opts: { dryRun?: "client" | "server"; namespace?: string } = {},
): Promise<Outcome> {
  const namespace = opts.namespace === undefined ? [] : ["--namespace", opts.namespace];
  const argv = ["create", "secret", ...args, `--dry-run=${opts.dryRun ?? "client"}`, "-o", "json", ...namespace];
  return new Promise((resolve, reject) => {
    execFile(
      kubectl(),
      argv,
      { env: kubectlEnv(extraEnv), maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== "number") return reject(err);
        if (err) return resolve({ ok: false, message: stderr });
        resolve({ ok: true, data: (JSON.parse(stdout) as { data?: Record<string, string> }).data ?? {} });
      },
    );
  });
}

/** A certificate and its key, in one of the forms openssl writes. */
export interface TlsMaterial {
  readonly label: string;
  readonly cert: string;
  readonly key: string;
}

/** Throwaway self-signed pairs of several key types and key encodings, made with openssl. */
export function makeTlsMaterial(): TlsMaterial[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-kubectl-tls-"));
  const openssl = (...args: string[]) =>
    execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "ignore"] });
  const pair = (label: string, newkey: string[]) => {
    openssl(
      "req",
      "-x509",
      ...newkey,
      "-nodes",
      "-days",
      "1",
      "-subj",
      `/CN=${label}`,
      "-keyout",
      `${label}.key`,
      "-out",
      `${label}.crt`,
    );
    return {
      label,
      cert: fs.readFileSync(path.join(dir, `${label}.crt`), "utf8"),
      key: fs.readFileSync(path.join(dir, `${label}.key`), "utf8"),
    };
  };
  const reencode = (from: TlsMaterial, label: string, args: string[]) => ({
    label,
    cert: from.cert,
    key: openssl("pkey", "-in", `${from.label}.key`, ...args).toString("utf8"),
  });
  try {
    const ec = pair("ec-p256", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]);
    const rsa = pair("rsa-2048", ["-newkey", "rsa:2048"]);
    const ed = pair("ed25519", ["-newkey", "ed25519"]);
    return [
      ec,
      rsa,
      ed,
      reencode(ec, "ec-sec1", ["-traditional"]),
      reencode(rsa, "rsa-pkcs1", ["-traditional"]),
      reencode(rsa, "rsa-encrypted", ["-aes256", "-passout", "pass:kubesecret"]),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A cert file and a key file made from the material: matching or not, reformatted, bundled, broken. */
export function tlsVariant(
  material: readonly TlsMaterial[],
): fc.Arbitrary<{ cert: string; key: string; what: string }> {
  const index = fc.nat(material.length - 1);
  return fc
    .record({
      certFrom: index,
      // Mostly the certificate's own key (null), else any key (which may match too).
      keyFrom: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: index }),
      chain: fc.option(index),
      crlf: fc.boolean(),
      preamble: fc.option(fc.constantFrom("Bag Attributes\n    friendlyName: x\n", "# comment\n", "\n\n")),
      keyInCertFile: fc.boolean(),
      certInKeyFile: fc.boolean(),
      broken: fc.oneof(
        { weight: 6, arbitrary: fc.constant("none") },
        { weight: 1, arbitrary: fc.constantFrom("swap", "truncate-cert", "truncate-key", "empty-key") },
      ),
    })
    .map((v) => {
      const from = material[v.certFrom]!;
      const keyMaterial = material[v.keyFrom ?? v.certFrom]!;
      let cert = (v.preamble ?? "") + from.cert + (v.chain === null ? "" : material[v.chain]!.cert);
      let key = keyMaterial.key;
      if (v.keyInCertFile) cert = key + cert;
      if (v.certInKeyFile) key = from.cert + key;
      if (v.broken === "swap") [cert, key] = [key, cert];
      if (v.broken === "truncate-cert") cert = cert.slice(0, Math.floor(cert.length / 2));
      if (v.broken === "truncate-key") key = key.slice(0, Math.floor(key.length / 2));
      if (v.broken === "empty-key") key = "";
      if (v.crlf) [cert, key] = [cert.replace(/\n/g, "\r\n"), key.replace(/\n/g, "\r\n")];
      const what = `cert ${from.label}, key ${keyMaterial.label}, ${JSON.stringify({ ...v, certFrom: undefined, keyFrom: undefined })}`;
      return { cert, key, what };
    });
}
