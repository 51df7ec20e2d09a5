/**
 * Which of the component's resource options reach the Secret it creates. Pulumi gives a child
 * only `protect` (and providers) from its parent; a user who sets `retainOnDelete`, `deletedWith`,
 * `customTimeouts`, `ignoreChanges` or `replaceOnChanges` on a kubesecret component means the
 * Secret. `ignoreChanges` and `replaceOnChanges` name the component's arguments, so they are
 * translated to the child's properties; a path with no counterpart is refused, never ignored.
 * `import` has no meaning for a component (use `adopt`). See docs (Resource options).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Problem } from "../validation/problem";

/** The options forwarded as they are. */
const FORWARDED = ["retainOnDelete", "deletedWith", "customTimeouts"] as const;

/** Where each metadata argument lives on the child, in each mode. */
const METADATA_PATHS: Readonly<Record<string, { secret: string; writeOnly: string }>> = {
  labels: { secret: "metadata.labels", writeOnly: "labels" },
  annotations: { secret: "metadata.annotations", writeOnly: "annotations" },
  immutable: { secret: "immutable", writeOnly: "immutable" },
  namespace: { secret: "metadata.namespace", writeOnly: "namespace" },
  name: { secret: "metadata.name", writeOnly: "name" },
  type: { secret: "type", writeOnly: "type" },
};

/** Class arguments that are not values. */
const CLASS_PATHS: Readonly<Record<string, { secret: string; writeOnly: string }>> = {
  serviceAccountName: { secret: "metadata.annotations", writeOnly: "annotations" },
};

/** The options for the child, or the problems with the component's options. */
export interface ChildOptions {
  readonly options: pulumi.CustomResourceOptions;
  readonly problems: Problem[];
}

/**
 * The child's share of `opts`. `valueArgs` are the class's arguments that carry values (they map
 * to `data`, or to `fingerprints` in write-only mode).
 */
export function childOptions(
  opts: pulumi.ComponentResourceOptions | undefined,
  valueArgs: readonly string[],
  writeOnly: boolean,
): ChildOptions {
  const options: Record<string, unknown> = {};
  const problems: Problem[] = [];
  if (opts === undefined) return { options, problems };
  for (const key of FORWARDED) if (opts[key] !== undefined) options[key] = opts[key];
  if ((opts as { import?: unknown }).import !== undefined) {
    problems.push({
      field: "opts.import",
      rule: "applies to a Secret, not to a component: set args.adopt (with args.name) to take over an existing Secret",
    });
  }
  for (const option of ["ignoreChanges", "replaceOnChanges"] as const) {
    const paths = opts[option];
    if (paths === undefined) continue;
    const mapped = paths.map((path, i) => {
      const target = childPath(path, valueArgs, writeOnly);
      if (target === undefined) {
        problems.push({
          field: `opts.${option}[${i}]`,
          rule: `names no argument of this component (${describePaths(valueArgs)})`,
        });
      }
      return target;
    });
    options[option] = [...new Set(mapped.filter((p): p is string => p !== undefined))];
  }
  return { options, problems };
}

/** `labels.app` → `metadata.labels.app`; a value argument → the data (every key: values are one map). */
function childPath(path: string, valueArgs: readonly string[], writeOnly: boolean): string | undefined {
  const [head, ...rest] = path.split(".");
  if (head === undefined) return undefined;
  const known = METADATA_PATHS[head] ?? CLASS_PATHS[head];
  if (known !== undefined) return [writeOnly ? known.writeOnly : known.secret, ...rest].join(".");
  if (head === "*") return "*";
  if (valueArgs.includes(head)) return writeOnly ? "fingerprints" : "data";
  return undefined;
}

function describePaths(valueArgs: readonly string[]): string {
  return ["labels", "annotations", "immutable", "namespace", "name", "type", ...valueArgs].join(", ");
}
