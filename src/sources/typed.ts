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
import { dockerConfigRule } from "../validation/dockerConfig";
import { inspectPath, readBounded, totalRule } from "./files";
import { type SourceProblem, pathTypeProblem, sourceError } from "./problems";

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
  const [json] = readTextFiles(subject, [{ argument: "path", given: file }]);
  const rule = dockerConfigRule(json!);
  if (rule !== undefined)
    throw sourceError(subject, [{ argument: "path", given: file, key: ".dockerconfigjson", rule }]);
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
  const given = filesArgument(subject, files, "{ cert, key, caCert? }");
  const named = [
    { key: "tls.crt", argument: "cert", given: given["cert"] },
    { key: "tls.key", argument: "key", given: given["key"] },
    ...(given["caCert"] === undefined ? [] : [{ key: "ca.crt", argument: "caCert", given: given["caCert"] }]),
  ];
  const texts = readTextFiles(subject, named);
  const byKey = new Map(named.map((n) => [n.key, n]));
  const entries = new Map(
    named.map((n, i) => [n.key, { key: n.key, field: n.argument, value: texts[i]!, encoding: "utf8" as const }]),
  );
  const problems = validateTypedContent(SecretType.Tls, entries, {});
  if (problems.length > 0) {
    throw sourceError(
      subject,
      problems.map((p) => {
        // A problem names the key whose content is wrong; its file was read, so it exists.
        const source = (p.key === undefined ? undefined : byKey.get(p.key)) ?? named[0]!;
        const key = p.key === undefined ? {} : { key: p.key };
        return { argument: source.argument, given: source.given, ...key, rule: p.rule };
      }),
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
  const given = filesArgument(subject, files, "{ privateKey, knownHosts? }");
  const privateKeyFile = { argument: "privateKey", given: given["privateKey"] };
  const named = [
    privateKeyFile,
    ...(given["knownHosts"] === undefined ? [] : [{ argument: "knownHosts", given: given["knownHosts"] }]),
  ];
  const texts = readTextFiles(subject, named);
  if (texts[0] === "") throw sourceError(subject, [{ ...privateKeyFile, key: "ssh-privatekey", rule: "is empty" }]);
  const [privateKey, knownHosts] = texts.map((text) => pulumi.secret(text));
  return { privateKey: privateKey!, ...(knownHosts === undefined ? {} : { knownHosts }) };
}

/** A path argument of a typed loader: its name, and what the program gave. */
interface PathArgument {
  readonly argument: string;
  readonly given: unknown;
}

/** The `files` object of a loader (a program may bypass the types), or a RunError describing it. */
function filesArgument(subject: string, files: unknown, shape: string): Record<string, unknown> {
  if (typeof files === "object" && files !== null && !Array.isArray(files) && !(files instanceof Uint8Array)) {
    return files as Record<string, unknown>;
  }
  throw sourceError(subject, [{ argument: "files", given: files, rule: `must be an object ${shape} of file paths` }]);
}

/**
 * Reads text files (regular files, 1 MiB together, valid UTF-8), sizes checked before reading,
 * or throws a RunError listing every problem.
 */
function readTextFiles(subject: string, files: readonly PathArgument[]): string[] {
  const problems: SourceProblem[] = [];
  let total = 0;
  for (const file of files) {
    const typeProblem = pathTypeProblem(file.argument, file.given);
    if (typeProblem !== undefined) {
      problems.push(typeProblem);
      continue;
    }
    const info = inspectPath(file.given as string);
    if ("failed" in info) problems.push({ ...file, rule: info.failed });
    else if (info.kind !== "file") problems.push({ ...file, rule: "is not a regular file" });
    else total += info.size;
  }
  if (problems.length === 0 && total > MAX_DATA_BYTES) {
    problems.push({ argument: files.map((f) => f.argument).join(" and "), rule: totalRule(total) });
  }
  if (problems.length > 0) throw sourceError(subject, problems);
  let budget = MAX_DATA_BYTES;
  const texts = files.map((file) => {
    const read = readBounded(file.given as string, budget);
    if ("failed" in read) problems.push({ ...file, rule: read.failed });
    else if (!isUtf8(read.bytes)) problems.push({ ...file, rule: "is not UTF-8 text" });
    else {
      budget -= read.bytes.length;
      return read.bytes.toString("utf8");
    }
    return "";
  });
  if (problems.length > 0) throw sourceError(subject, problems);
  return texts;
}
