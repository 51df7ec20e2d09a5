/**
 * The cluster's credentials, all kept in its state directory (0700; keys and tokens 0600) and
 * never printed: the service-account signing key pair, the admin's bearer token, the client CA
 * users' certificates come from, and kubeconfig files.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import { type CertificateAuthority, makeCertificateAuthority } from "../tls.ts";
import type { ClusterPaths } from "./state.ts";

/** Writes a fresh RSA key pair that signs (private) and verifies (public) service-account tokens. */
export function writeServiceAccountKeys(paths: ClusterPaths): void {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  fs.writeFileSync(paths.serviceAccountKey, privateKey, { mode: 0o600 });
  fs.writeFileSync(paths.serviceAccountPub, publicKey, { mode: 0o644 });
}

/** Writes the API server's token file with one fresh admin token (group system:masters); returns the token. */
export function writeAdminToken(paths: ClusterPaths): string {
  const token = randomBytes(32).toString("hex");
  fs.writeFileSync(paths.tokens, `${token},admin,admin-uid,"system:masters"\n`, { mode: 0o600 });
  return token;
}

/** The admin token from the token file. */
export function readAdminToken(paths: ClusterPaths): string {
  return fs.readFileSync(paths.tokens, "utf8").split(",")[0]!;
}

/** Makes the client CA the API server trusts (`--client-ca-file`). */
export function makeClientCa(paths: ClusterPaths): CertificateAuthority {
  return makeCertificateAuthority(paths.pki, paths.clientCaName);
}

/** The client CA of a cluster, as files. */
export function clientCa(paths: ClusterPaths): CertificateAuthority {
  return { certFile: paths.clientCaCert, keyFile: paths.clientCaKey };
}

/** How a kubeconfig user proves who it is: a bearer token, or a client certificate and key (PEM). */
export type UserCredentials = { token: string } | { clientCertificate: string; clientKey: string };

export interface KubeconfigSpec {
  /** The API server's URL. */
  server: string;
  /** The CA bundle (PEM) that verifies the API server. */
  caPem: string | Buffer;
  /** The kubeconfig's name for the user. */
  userName: string;
  credentials: UserCredentials;
  /** The context's default namespace (default "default"). */
  namespace?: string;
}

const b64 = (pem: string | Buffer) => Buffer.from(pem).toString("base64");

/** A kubeconfig with one cluster, one user and one context, current. Strings are quoted as JSON (valid YAML). */
export function renderKubeconfig(spec: KubeconfigSpec): string {
  const q = (s: string) => JSON.stringify(s);
  const user =
    "token" in spec.credentials
      ? [`      token: ${q(spec.credentials.token)}`]
      : [
          `      client-certificate-data: ${b64(spec.credentials.clientCertificate)}`,
          `      client-key-data: ${b64(spec.credentials.clientKey)}`,
        ];
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: kubesecret",
    "    cluster:",
    `      server: ${q(spec.server)}`,
    `      certificate-authority-data: ${b64(spec.caPem)}`,
    "users:",
    `  - name: ${q(spec.userName)}`,
    "    user:",
    ...user,
    "contexts:",
    "  - name: kubesecret",
    "    context:",
    "      cluster: kubesecret",
    `      user: ${q(spec.userName)}`,
    `      namespace: ${q(spec.namespace ?? "default")}`,
    "current-context: kubesecret",
    "preferences: {}",
    "",
  ].join("\n");
}

/** Writes `content` to `file` readable by its owner only. */
export function writePrivate(file: string, content: string): void {
  fs.writeFileSync(file, content, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
