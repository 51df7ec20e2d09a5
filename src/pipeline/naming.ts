/**
 * How a component names its child Secret. pulumi-kubernetes rejects `metadata.generateName`
 * under server-side apply, so `generateName` is honoured through the provider's auto-naming:
 * the object is named `<child name>-<8 hex>`, stable across updates and new on replacement. The
 * stack's `pulumi:autonaming` setting can change that; {@link validateNaming} rejects
 * `generateName` where the setting would not honour the prefix.
 */
import { validateAutoname, validateGenerateName } from "../validation/metadata";
import { partlyKnown } from "../known";
import type { Problem } from "../validation/problem";
import { validateShape } from "../validation/shapes";

/** The resource type whose auto-naming the child follows, and its package. */
const CHILD_TYPE = "kubernetes:core/v1:Secret";
const CHILD_PACKAGE = "kubernetes";

/** The `pulumi:autonaming` rule that applies to the child Secret, and where it was set. */
export interface AutonamingSetting {
  readonly mode?: string;
  readonly pattern?: string;
  /** The config path it came from, for messages, e.g. `pulumi:autonaming.providers.kubernetes`. */
  readonly source: string;
}

/** The prefix without one trailing `-`: the provider adds its own `-` before the random part. */
function stemOf(generateName: string): string {
  return generateName.endsWith("-") ? generateName.slice(0, -1) : generateName;
}

/** A component name as DNS-1123 label characters (lowercase, digits, `-`), for inside an object name. */
function nameFragment(componentName: string): string {
  return componentName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
}

/**
 * The child's Pulumi name, which the provider's auto-naming turns into the object name
 * (`<child name>-<8 hex>`). Without `generateName` it is the component name. With one, it is the
 * prefix (without its trailing `-`), so the live name is the prefix and 8 hex digits, unless the
 * component name extends the prefix (`db-a` for prefix `db-`, lowercased to DNS characters):
 * then the component name is used, which is how several components share one prefix, e.g. the
 * same Secret in several namespaces (child URNs hold the parent's type but not its name).
 */
export function childName(componentName: string, generateName: unknown): string {
  if (typeof generateName !== "string") return componentName;
  const stem = stemOf(generateName);
  const fragment = nameFragment(componentName);
  return fragment.startsWith(`${stem}-`) ? fragment : stem;
}

/**
 * Earlier versions named every child after the prefix alone; an alias lets a component whose
 * child is now named after the component keep its Secret (and live name) instead of replacing it.
 */
export function childAliases(componentName: string, generateName: unknown): string[] {
  if (typeof generateName !== "string") return [];
  const stem = stemOf(generateName);
  return childName(componentName, generateName) === stem ? [] : [stem];
}

/** The `pulumi:autonaming` rule for the child Secret, from the config object as the program reads it. */
export function autonamingSetting(config: unknown): AutonamingSetting | undefined {
  const root = asRecord(config);
  if (root === undefined) return undefined;
  const provider = asRecord(asRecord(root["providers"])?.[CHILD_PACKAGE]);
  const resource = asRecord(asRecord(provider?.["resources"])?.[CHILD_TYPE]);
  const [rule, source] =
    resource !== undefined
      ? [resource, `pulumi:autonaming.providers.${CHILD_PACKAGE}.resources["${CHILD_TYPE}"]`]
      : hasRule(provider)
        ? [provider!, `pulumi:autonaming.providers.${CHILD_PACKAGE}`]
        : [root, "pulumi:autonaming"];
  if (!hasRule(rule)) return undefined;
  const mode = typeof rule["mode"] === "string" ? rule["mode"] : undefined;
  const pattern = typeof rule["pattern"] === "string" ? rule["pattern"] : undefined;
  return { source, ...(mode === undefined ? {} : { mode }), ...(pattern === undefined ? {} : { pattern }) };
}

/** Random parts a pattern can hold; a pattern without one gives every replacement the same name. */
const RANDOM_EXPRESSION = /\$\{(?:hex|alphanum|string|num)\(\d+\)\}|\$\{uuid\}/;

/**
 * Checks `name` and `generateName` together: one of them at most, the prefix itself, the child
 * name built from it (see {@link childName}), and that the stack's auto-naming setting keeps the prefix and a random part.
 */
export function validateNaming(
  child: string,
  hasName: boolean,
  generateName: unknown,
  setting: AutonamingSetting | undefined,
): Problem[] {
  const field = "args.generateName";
  if (generateName === undefined) {
    // The provider names the object after the component: `<name>-<8 hex>`, unless a setting says otherwise.
    return hasName || setting !== undefined ? [] : validateAutoname(child, "name (the component's)");
  }
  if (hasName) return [{ field, rule: "cannot be combined with args.name; set one of them" }];
  if (typeof generateName !== "string") {
    return validateShape(partlyKnown(generateName), { kind: "string", plain: "it names the child resource" }, field);
  }
  const problems = validateGenerateName(generateName, field);
  if (problems.length > 0) return problems;
  const autoname = validateAutoname(child, field);
  if (autoname.length > 0) return autoname;
  return validateAutonaming(setting, generateName.endsWith("-") ? "${name}-" : "${name}", field);
}

/** `start`: what the pattern must begin with so that the live name begins with the prefix. */
function validateAutonaming(setting: AutonamingSetting | undefined, start: string, field: string): Problem[] {
  if (setting === undefined) return [];
  const { mode, pattern, source } = setting;
  const cannot = (why: string) => [{ field, rule: `cannot be honoured: the stack setting ${source} ${why}` }];
  if (mode === "verbatim") return cannot('is mode "verbatim", which names the Secret without a random part');
  if (mode === "disabled") return cannot('is mode "disabled", which requires an explicit name (use args.name)');
  if (pattern === undefined) return [];
  if (!pattern.startsWith(start)) return cannot(`has a pattern that does not start with ${start}`);
  if (!RANDOM_EXPRESSION.test(pattern)) {
    return cannot(
      "has a pattern without a random part (${hex(n)}, ${alphanum(n)}, ${string(n)}, ${num(n)} or ${uuid})",
    );
  }
  return [];
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function hasRule(value: Record<string, unknown> | undefined): boolean {
  return value !== undefined && (value["mode"] !== undefined || value["pattern"] !== undefined);
}
