/** Builds `.dockerconfigjson` content from registry credentials. */
import { encodeUtf8 } from "../encoding";
import type { Problem } from "../validation/problem";

/** Credentials for one container registry. */
export interface RegistryCredential {
  /** The registry host (and optional path), e.g. `ghcr.io` or `https://index.docker.io/v1/`. */
  server: string;
  /** The user name. Must not contain `:`. */
  username: string;
  /** The password or access token. */
  password: string;
  /** An e-mail address, kept for old clients. */
  email?: string;
}

/** The `.dockerconfigjson` document for `registries`, or the problems that prevent it. */
export function buildDockerConfigJson(registries: readonly RegistryCredential[]): {
  json: string;
  problems: Problem[];
} {
  const problems: Problem[] = [];
  const auths: Record<string, Record<string, string>> = {};
  if (registries.length === 0) problems.push({ field: "args.registries", rule: "must list at least one registry" });
  registries.forEach((registry, index) => {
    const field = `args.registries[${index}]`;
    if (typeof registry.server !== "string" || registry.server.trim() === "" || /\s/.test(registry.server)) {
      problems.push({ field: `${field}.server`, rule: "must be a registry host without whitespace" });
    } else if (registry.server in auths) {
      problems.push({ field: `${field}.server`, rule: "names the same registry as an earlier entry" });
    }
    if (typeof registry.username !== "string" || registry.username === "" || registry.username.includes(":")) {
      problems.push({ field: `${field}.username`, rule: "must be a non-empty string without ':'" });
    }
    if (typeof registry.password !== "string") problems.push({ field: `${field}.password`, rule: "must be a string" });
    if (registry.email !== undefined && typeof registry.email !== "string") {
      problems.push({ field: `${field}.email`, rule: "must be a string" });
    }
    if (problems.length === 0) {
      auths[registry.server] = {
        username: registry.username,
        password: registry.password,
        ...(registry.email === undefined ? {} : { email: registry.email }),
        auth: encodeUtf8(`${registry.username}:${registry.password}`),
      };
    }
  });
  return problems.length > 0 ? { json: "", problems } : { json: JSON.stringify({ auths }), problems };
}
