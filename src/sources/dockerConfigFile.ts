/**
 * What makes a `~/.docker/config.json` usable as a `kubernetes.io/dockerconfigjson` Secret: a
 * JSON object whose `auths` has at least one entry with credentials (`auth`, or `username` and
 * `password`) — what the kubelet reads. `docker login` with a credential store (`credsStore`,
 * `credHelpers`) leaves only empty `auths` entries in the file, which pull nothing.
 */

/** Why `text` is not a usable docker config, or undefined. Never quotes the content. */
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
