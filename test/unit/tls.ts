/** Throwaway TLS material for tests, made fresh with openssl (node:crypto cannot issue certificates). */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TlsPair {
  cert: string;
  key: string;
}

export function makeTlsPair(commonName = "kubesecret.test"): TlsPair {
  const dir = mkdtempSync(join(tmpdir(), "kubesecret-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        `/CN=${commonName}`,
        "-keyout",
        join(dir, "tls.key"),
        "-out",
        join(dir, "tls.crt"),
      ],
      { stdio: "ignore" },
    );
    return { cert: readFileSync(join(dir, "tls.crt"), "utf8"), key: readFileSync(join(dir, "tls.key"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
