/**
 * Every rule about registry credentials in a Secret, in one place:
 * - what DockerConfigSecret's `registries` must hold, and the `.dockerconfigjson` it makes of them;
 * - what the API server requires of `.dockerconfigjson` and `.dockercfg` (any class, by type);
 * - what makes a `~/.docker/config.json` file usable: credentials the kubelet can read.
 * Messages never quote the content.
 */
import { encodeUtf8 } from "../encoding";
import type { DataEntry } from "./data";
import { parseJsonLikeGo } from "./json";
import type { Problem } from "./problem";

/** Credentials for one registry, resolved. */
export interface RegistryCredential {
  server: string;
  username: string;
  password: string;
  email?: string;
}

/**
 * The `.dockerconfigjson` entry for `registries` (an `auths` entry each, with `auth`), or for a
 * ready document; exactly one of the two must be set.
 */
export function dockerConfigContent(
  registries: RegistryCredential[] | undefined,
  json: string | undefined,
): { entries: DataEntry[]; problems: Problem[] } {
  if ((registries === undefined) === (json === undefined)) {
    const rule = "set exactly one of args.registries and args.dockerConfigJson";
    return { entries: [], problems: [{ field: "args.registries", rule }] };
  }
  if (json !== undefined) {
    const entry: DataEntry = {
      key: ".dockerconfigjson",
      field: "args.dockerConfigJson",
      value: json,
      encoding: "utf8",
    };
    return { entries: [entry], problems: [] };
  }
  const problems = registries!.flatMap(checkRegistry);
  if (registries!.length === 0) problems.push({ field: "args.registries", rule: "must list at least one registry" });
  if (problems.length > 0) return { entries: [], problems };
  const auths = Object.fromEntries(
    registries!.map((r) => [
      r.server,
      {
        username: r.username,
        password: r.password,
        ...(r.email === undefined ? {} : { email: r.email }),
        auth: encodeUtf8(`${r.username}:${r.password}`),
      },
    ]),
  );
  const value = JSON.stringify({ auths });
  return { entries: [{ key: ".dockerconfigjson", field: "args.registries", value, encoding: "utf8" }], problems: [] };
}

function checkRegistry(registry: RegistryCredential, index: number, all: RegistryCredential[]): Problem[] {
  const field = `args.registries[${index}]`;
  const problems: Problem[] = [];
  if (typeof registry.server !== "string" || registry.server.trim() === "" || /\s/.test(registry.server)) {
    problems.push({ field: `${field}.server`, rule: "must be a registry host without whitespace" });
  } else if (all.slice(0, index).some((earlier) => earlier.server === registry.server)) {
    problems.push({ field: `${field}.server`, rule: "names the same registry as an earlier entry" });
  }
  if (typeof registry.username !== "string" || registry.username === "" || registry.username.includes(":")) {
    problems.push({ field: `${field}.username`, rule: "must be a non-empty string without ':'" });
  }
  if (typeof registry.password !== "string") problems.push({ field: `${field}.password`, rule: "must be a string" });
  if (registry.email !== undefined && typeof registry.email !== "string") {
    problems.push({ field: `${field}.email`, rule: "must be a string" });
  }
  return problems;
}

/** How a registry configuration that is JSON but not an object is reported. */
export const JSON_OBJECT_RULE = "must be a JSON object";
/** How a `.dockerconfigjson` without an `auths` object is reported. */
export const AUTHS_RULE = 'must be a JSON object with an "auths" object';

/**
 * The API server's rule for the registry configuration under `key`: JSON as Go reads it, an
 * object, and (for `.dockerconfigjson`) one with an `auths` object.
 */
export function validateRegistryConfig(content: Buffer, key: string, needsAuths: boolean, field: string): Problem[] {
  const parsed = parseJsonLikeGo(content.toString("utf8"));
  if (!parsed.ok) return [{ field, key, rule: parsed.reason }];
  if (!isObject(parsed.value)) return [{ field, key, rule: JSON_OBJECT_RULE }];
  if (needsAuths && !isObject(parsed.value["auths"])) return [{ field, key, rule: AUTHS_RULE }];
  return [];
}

/**
 * Why `text` is not a usable docker config file, or undefined: it must be a JSON object whose
 * `auths` has at least one entry with credentials (`auth`, or `username` and `password`), which
 * is what the kubelet reads. `docker login` with a credential store (`credsStore`,
 * `credHelpers`) leaves only empty `auths` entries in the file, which pull nothing.
 */
export function dockerConfigRule(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "is not valid JSON";
  }
  if (!isObject(parsed)) return "is not a JSON object";
  const auths = parsed["auths"];
  if (!isObject(auths)) return `has no "auths" object${credentialStoreHint(parsed)}`;
  if (!Object.values(auths).some(hasCredentials)) {
    return `has no credentials in "auths" (no entry with "auth", or "username" and "password")${credentialStoreHint(parsed)}`;
  }
  return undefined;
}

function hasCredentials(entry: unknown): boolean {
  if (!isObject(entry)) return false;
  const nonEmpty = (value: unknown) => typeof value === "string" && value !== "";
  return nonEmpty(entry["auth"]) || (nonEmpty(entry["username"]) && typeof entry["password"] === "string");
}

function credentialStoreHint(config: Record<string, unknown>): string {
  return "credsStore" in config || "credHelpers" in config
    ? "; it names a credential store (credsStore/credHelpers), which keeps the credentials outside the file: use DockerConfigSecret's `registries` instead, or a config written with the store disabled"
    : "";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
