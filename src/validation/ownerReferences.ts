/**
 * `metadata.ownerReferences` as kube-apiserver 1.36 checks them (apimachinery's
 * ValidateOwnerReferences): apiVersion, kind, name and uid set, an apiVersion whose version part
 * is not empty, no `v1` Event as owner, at most one controller. Two rules are kubesecret's own
 * (differences.ts): a uid listed twice, and an owner name no object can have.
 *
 * The list comes as the program wrote it, well-shaped (shapes.ts) but partly known: each field,
 * each reference or the whole list may be UNKNOWN, and is then checked once it resolves.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/owners-dependents/
 */
import { UNKNOWN, hasUnknown } from "../known";
import type { Problem } from "./problem";
import { BOOLEAN, STRING, type Shape } from "./shapes";

/** How an apiVersion with no version part is reported. */
export const OWNER_API_VERSION_RULE =
  'must be a version or group/version, such as "v1" or "apps/v1" (the version part must not be empty)';
/** How a uid listed by two references is reported (kubesecret's own rule). */
export const OWNER_UID_TWICE_RULE = "must not be the uid of another reference";
/** How an owner name no object can have is reported (kubesecret's own rule). */
export const OWNER_NAME_PATH_SEGMENT_RULE =
  "must be a name an object can have: not '.' or '..', and without '/' or '%'";

type Known<T> = T | typeof UNKNOWN | undefined;

interface Reference {
  readonly apiVersion?: Known<string>;
  readonly kind?: Known<string>;
  readonly name?: Known<string>;
  readonly uid?: Known<string>;
  readonly controller?: Known<boolean>;
}

/**
 * The version part of an apiVersion as the API server parses it: `v1` and `/v1` are the core
 * group's; `group/version` has one slash; anything else (`""`, `"/"`, `a/b/c`) has none.
 */
export function versionOf(apiVersion: string): string {
  const slashes = apiVersion.split("/").length - 1;
  if (slashes === 0) return apiVersion;
  if (slashes > 1) return "";
  return apiVersion.slice(apiVersion.indexOf("/") + 1);
}

/** The group part (empty for the core group, and for an apiVersion that does not parse). */
function groupOf(apiVersion: string): string {
  const slashes = apiVersion.split("/").length - 1;
  return slashes === 1 ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
}

const isBannedOwner = (apiVersion: string, kind: string) =>
  groupOf(apiVersion) === "" && versionOf(apiVersion) === "v1" && kind === "Event";

const isPathSegmentName = (name: string) => name !== "." && name !== ".." && !/[/%]/.test(name);

/**
 * Problems with a list of owner references, named `<field>[i].<part>`; none for parts not yet
 * known. Messages hold field names and rules only, never a reference's values.
 */
export function validateOwnerReferences(references: unknown, field: string): Problem[] {
  if (references === UNKNOWN || !Array.isArray(references)) return [];
  const problems: Problem[] = [];
  let controller: number | undefined;
  const uids = new Map<string, number>();
  const seen = new Map<string, number>();
  references.forEach((item: unknown, i) => {
    if (item === UNKNOWN || typeof item !== "object" || item === null) return;
    const ref = item as Reference;
    const at = `${field}[${i}]`;
    // The API server drops an exact copy of an earlier reference before it validates the list.
    const copyOf = hasUnknown(ref) ? undefined : seen.get(identity(ref));
    if (copyOf !== undefined) {
      problems.push({ field: `${at}.uid`, rule: `${OWNER_UID_TWICE_RULE} (${field}[${copyOf}])` });
      return;
    }
    if (!hasUnknown(ref)) seen.set(identity(ref), i);
    problems.push(...validateReference(ref, at));
    if (ref.controller === true) {
      if (controller === undefined) controller = i;
      else
        problems.push({
          field: `${at}.controller`,
          rule: `only one reference may have controller: true (${field}[${controller}] has it already)`,
        });
    }
    if (typeof ref.uid === "string" && ref.uid.length > 0) {
      const first = uids.get(ref.uid);
      if (first === undefined) uids.set(ref.uid, i);
      else problems.push({ field: `${at}.uid`, rule: `${OWNER_UID_TWICE_RULE} (${field}[${first}])` });
    }
  });
  return problems;
}

/** A reference's fields in a fixed order: equal for exact copies (a field left out is not `false`). */
const identity = (ref: Reference & { blockOwnerDeletion?: unknown }) =>
  JSON.stringify([ref.apiVersion, ref.kind, ref.name, ref.uid, ref.controller, ref.blockOwnerDeletion]);

function validateReference(ref: Reference, at: string): Problem[] {
  const problems: Problem[] = [];
  const { apiVersion, kind, name, uid } = ref;
  if (apiVersion === undefined || (apiVersion !== UNKNOWN && versionOf(apiVersion) === "")) {
    problems.push({ field: `${at}.apiVersion`, rule: OWNER_API_VERSION_RULE });
  }
  for (const [part, value] of [
    ["kind", kind],
    ["name", name],
    ["uid", uid],
  ] as const) {
    if (value === undefined || value === "") problems.push({ field: `${at}.${part}`, rule: "must be set, not empty" });
  }
  if (typeof name === "string" && name !== "" && !isPathSegmentName(name)) {
    problems.push({ field: `${at}.name`, rule: OWNER_NAME_PATH_SEGMENT_RULE });
  }
  if (typeof apiVersion === "string" && typeof kind === "string" && isBannedOwner(apiVersion, kind)) {
    problems.push({ field: at, rule: "an Event (v1) cannot own another object" });
  }
  return problems;
}

/** The shape of the argument (shapes.ts): a list of references, each field of its JSON type. */
export const OWNER_REFERENCES: Shape = {
  kind: "list",
  items: {
    kind: "object",
    properties: {
      apiVersion: STRING,
      kind: STRING,
      name: STRING,
      uid: STRING,
      controller: BOOLEAN,
      blockOwnerDeletion: BOOLEAN,
    },
  },
};
