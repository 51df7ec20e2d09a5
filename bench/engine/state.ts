/**
 * What a stack's state costs per Secret, read from the file backend's checkpoint: the whole file,
 * and each Secret's own entry plus its component's entry (when the Secret has one), in compact
 * JSON bytes so the figure does not depend on the file's indentation. A write-only Secret's entry
 * (its dynamic resource) counts as its Secret's. Entries are measured with the project's name (in
 * every URN: the entry's own, its parent's, its provider's) written as "project": each program of
 * the comparison has its own project name, of its own length, which a user's stack would not.
 */

export const SECRET_TYPE = "kubernetes:core/v1:Secret";
/** A kubesecret component's child in `writeOnly` mode: it stands for the Secret in state. */
export const WRITE_ONLY_SECRET_TYPE = "pulumi-nodejs:dynamic/kubesecret:WriteOnlySecret";
const isSecret = (r: StateEntry) => r.type === SECRET_TYPE || r.type === WRITE_ONLY_SECRET_TYPE;
const STACK_TYPE = "pulumi:pulumi:Stack";

export interface StateEntry {
  urn: string;
  type: string;
  parent?: string;
}

export interface CheckpointSize {
  /** The checkpoint file's size. */
  bytes: number;
  secrets: number;
  /** Secrets whose parent is a component (not the stack). */
  componentSecrets: number;
  /** Mean over Secrets of (own entry + its component's entry), compact JSON bytes. */
  perSecretEntryBytes: number;
}

/** The resources of a file-backend checkpoint (`{ checkpoint: { latest: { resources } } }`). */
export function checkpointResources(checkpoint: unknown): StateEntry[] {
  const latest = (checkpoint as { checkpoint?: { latest?: { resources?: unknown } } })?.checkpoint?.latest;
  if (!latest) throw new Error("not a file-backend checkpoint: no checkpoint.latest");
  const resources = latest.resources ?? [];
  if (!Array.isArray(resources)) throw new Error("checkpoint.latest.resources is not an array");
  return resources as StateEntry[];
}

/** Rewrites an entry's URNs as if its project were named "project" (the stack's name too: `<project>-<stack>`). */
function neutralProject(resources: StateEntry[]): (json: string) => string {
  const stack = resources.find((r) => r.type === STACK_TYPE);
  const [, project, , name] = stack?.urn.split("::") ?? [];
  if (!stack || project === undefined || !name?.startsWith(project)) return (json) => json;
  const neutralStack = stack.urn
    .replace(`::${project}::`, "::project::")
    .replace(`::${name}`, `::project${name.slice(project.length)}`);
  return (json) => json.replaceAll(stack.urn, neutralStack).replaceAll(`::${project}::`, "::project::");
}

/** Sizes of the checkpoint in `text`; fails when it holds no Secret. */
export function measureCheckpoint(text: string): CheckpointSize {
  const resources = checkpointResources(JSON.parse(text));
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const secrets = resources.filter(isSecret);
  if (secrets.length === 0) throw new Error("the checkpoint holds no Secret");
  const neutral = neutralProject(resources);
  const entryBytes = (entry: StateEntry) => Buffer.byteLength(neutral(JSON.stringify(entry)), "utf8");
  let total = 0;
  let componentSecrets = 0;
  for (const secret of secrets) {
    total += entryBytes(secret);
    const parent = secret.parent === undefined ? undefined : byUrn.get(secret.parent);
    if (parent && parent.type !== STACK_TYPE) {
      componentSecrets += 1;
      total += entryBytes(parent);
    }
  }
  return {
    bytes: Buffer.byteLength(text, "utf8"),
    secrets: secrets.length,
    componentSecrets,
    perSecretEntryBytes: total / secrets.length,
  };
}

/** Counts of Secrets and components in a checkpoint (to check that an operation did what it claims). */
export function countResources(text: string): { secrets: number; components: number } {
  const resources = checkpointResources(JSON.parse(text));
  const secrets = resources.filter(isSecret);
  const parents = new Set(secrets.map((s) => s.parent));
  const components = resources.filter((r) => parents.has(r.urn) && r.type !== STACK_TYPE).length;
  return { secrets: secrets.length, components };
}
