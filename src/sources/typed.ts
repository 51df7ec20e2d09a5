/**
 * Loaders for the typed Secret classes: the arguments of DockerConfigSecret, TlsSecret and
 * SshAuthSecret from files, read when the program runs, as Pulumi secrets. The content checks
 * the components make are run here too, so a bad file fails before anything is registered.
 */
import { isUtf8 } from "node:buffer";
import * as pulumi from "@pulumi/pulumi";
import { validateTypedContent } from "../validation/typedContent";
import { MAX_DATA_BYTES } from "../validation/data";
import { SecretType } from "../validation/types";
import { dockerConfigRule } from "./dockerConfigFile";
import { inspectPath, readBounded } from "./files";
import { type SourceProblem, sourceError } from "./problems";

/** Files for {@link tlsFromFiles}. */
export interface TlsFiles {
  /** The PEM certificate (chain): `tls.crt` (kubectl's `--cert`). */
  cert: string;
  /** The unencrypted PEM private key: `tls.key` (kubectl's `--key`). */
  key: string;
  /** A PEM CA certificate: `ca.crt`. */
  caCert?: string;
}

/** Files for {@link sshAuthFromFiles}. */
export interface SshAuthFiles {
  /** The SSH private key: `ssh-privatekey`. */
  privateKey: string;
  /** A `known_hosts` file: `known_hosts`. */
  knownHosts?: string;
}

/**
 * `dockerConfigJson` for a DockerConfigSecret from an existing docker config file
 * (`kubectl create secret docker-registry --from-file`), byte for byte. The file must be JSON
 * with credentials in `auths`; a config whose credentials live in a credential store
 * (`credsStore`, `credHelpers`) is refused, since the Secret would hold none.
 *
 * @example new kubesecret.DockerConfigSecret("pull", { ...kubesecret.dockerConfigFromFile(`${os.homedir()}/.docker/config.json`) });
 */
export function dockerConfigFromFile(file: string): { dockerConfigJson: pulumi.Output<string> } {
  const subject = "kubesecret.dockerConfigFromFile";
  const [json] = readTextFiles(subject, [file]);
  const rule = dockerConfigRule(json!);
  if (rule !== undefined) throw sourceError(subject, [{ file, key: ".dockerconfigjson", rule }]);
  return { dockerConfigJson: pulumi.secret(json!) };
}

/**
 * `cert`, `key` and optional `caCert` for a TlsSecret from PEM files (`kubectl create secret
 * tls --cert --key`). They must parse, and the key must match the certificate.
 *
 * @example new kubesecret.TlsSecret("web", { ...kubesecret.tlsFromFiles({ cert: "tls.crt", key: "tls.key" }) });
 */
export function tlsFromFiles(files: TlsFiles): {
  cert: pulumi.Output<string>;
  key: pulumi.Output<string>;
  caCert?: pulumi.Output<string>;
} {
  const subject = "kubesecret.tlsFromFiles";
  const named = [
    { key: "tls.crt", file: files?.cert },
    { key: "tls.key", file: files?.key },
    ...(files?.caCert === undefined ? [] : [{ key: "ca.crt", file: files.caCert }]),
  ];
  const texts = readTextFiles(
    subject,
    named.map((n) => n.file),
  );
  const entries = new Map(
    named.map((n, i) => [n.key, { key: n.key, field: n.file, value: texts[i]!, encoding: "utf8" as const }]),
  );
  const problems = validateTypedContent(SecretType.Tls, entries, {});
  if (problems.length > 0) {
    throw sourceError(
      subject,
      problems.map((p) => ({ file: p.field, ...(p.key === undefined ? {} : { key: p.key }), rule: p.rule })),
    );
  }
  const [cert, key, caCert] = texts.map((text) => pulumi.secret(text));
  return { cert: cert!, key: key!, ...(caCert === undefined ? {} : { caCert }) };
}

/**
 * `privateKey` and optional `knownHosts` for an SshAuthSecret from files. The key must not be
 * empty.
 *
 * @example new kubesecret.SshAuthSecret("git", { ...kubesecret.sshAuthFromFiles({ privateKey: "deploy_key", knownHosts: "known_hosts" }) });
 */
export function sshAuthFromFiles(files: SshAuthFiles): {
  privateKey: pulumi.Output<string>;
  knownHosts?: pulumi.Output<string>;
} {
  const subject = "kubesecret.sshAuthFromFiles";
  const paths = [files?.privateKey, ...(files?.knownHosts === undefined ? [] : [files.knownHosts])];
  const texts = readTextFiles(subject, paths);
  if (texts[0] === "") throw sourceError(subject, [{ file: paths[0]!, key: "ssh-privatekey", rule: "is empty" }]);
  const [privateKey, knownHosts] = texts.map((text) => pulumi.secret(text));
  return { privateKey: privateKey!, ...(knownHosts === undefined ? {} : { knownHosts }) };
}

/**
 * Reads text files (regular files, 1 MiB together, valid UTF-8), sizes checked before reading,
 * or throws a RunError listing every problem.
 */
function readTextFiles(subject: string, files: readonly unknown[]): string[] {
  const problems: SourceProblem[] = [];
  let total = 0;
  for (const file of files) {
    if (typeof file !== "string" || file === "") {
      problems.push({ file: String(file), rule: "the path must be a non-empty string" });
      continue;
    }
    const info = inspectPath(file);
    if ("problem" in info) problems.push(info.problem);
    else if (info.kind !== "file") problems.push({ file, rule: "is not a regular file" });
    else total += info.size;
  }
  if (problems.length === 0 && total > MAX_DATA_BYTES) {
    problems.push({
      file: files.join(", "),
      rule: `hold ${total} bytes together: all values of a Secret must be at most ${MAX_DATA_BYTES} bytes (1 MiB)`,
    });
  }
  if (problems.length > 0) throw sourceError(subject, problems);
  let budget = MAX_DATA_BYTES;
  const texts = (files as string[]).map((file) => {
    const read = readBounded(file, budget);
    const problem =
      "problem" in read ? read.problem : isUtf8(read.bytes) ? undefined : { file, rule: "is not UTF-8 text" };
    if (problem !== undefined) {
      problems.push(problem);
      return "";
    }
    const bytes = (read as { bytes: Buffer }).bytes;
    budget -= bytes.length;
    return bytes.toString("utf8");
  });
  if (problems.length > 0) throw sourceError(subject, problems);
  return texts;
}
