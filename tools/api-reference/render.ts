/**
 * docs/api.md from the collected API: one section per class (constructor, arguments, outputs),
 * then the functions, then the types. `{@link X}` becomes a link when X is documented here.
 */
import type { ApiClass, ApiDeclaration, ApiFunction, ApiInterface, ApiItem, Doc, Member } from "./collect.ts";

/** The page's path in the repository. */
export const API_FILE = "docs/api.md";

/** GitHub's anchor for a heading `` `name` ``. */
const anchor = (name: string) => name.toLowerCase().replace(/[^a-z0-9_-]/g, "");

type Anchors = Map<string, string>;

function anchors(api: readonly ApiItem[]): Anchors {
  const map: Anchors = new Map(api.map((i) => [i.name, anchor(i.name)]));
  for (const item of api) {
    if (item.kind === "class" && item.argsType !== undefined) map.set(item.argsType, anchor(item.name));
  }
  return map;
}

const ref = (name: string, links: Anchors) => {
  const target = links.get(name);
  return target === undefined ? `\`${name}\`` : `[\`${name}\`](#${target})`;
};

const linked = (text: string, links: Anchors) =>
  text.replace(/\{@link\s+([^}\s|]+)[^}]*\}/g, (_all, name: string) => ref(name, links));

function docLines(doc: Doc, links: Anchors): string[] {
  const lines = doc.summary === "" ? [] : [linked(doc.summary, links), ""];
  if (doc.returns !== undefined) lines.push(`Returns ${linked(doc.returns, links)}`, "");
  for (const example of doc.examples) lines.push("Example:", "", "```ts", example, "```", "");
  for (const see of doc.see) lines.push(`See ${see}`, "");
  return lines;
}

function memberLine(m: Member, links: Anchors): string {
  const parts = [`- \`${m.name}${m.optional ? "?" : ""}: ${m.type}\``];
  if (m.doc.summary !== "") parts.push(`— ${linked(m.doc.summary, links)}`);
  if (m.doc.defaultText !== undefined) parts.push(`Default: ${linked(m.doc.defaultText, links)}.`);
  for (const see of m.doc.see) parts.push(`See ${see}`);
  return parts.join(" ");
}

const members = (list: readonly Member[], links: Anchors) => list.map((m) => memberLine(m, links));

function renderClass(item: ApiClass, links: Anchors): string[] {
  const lines = [`### \`${item.name}\``, "", ...docLines(item.doc, links), "```ts", item.constructorText, "```", ""];
  if (item.argsType !== undefined) {
    const bases = item.argsBases.map((b) => `, and every argument of ${ref(b, links)}`).join("");
    lines.push(`Arguments (\`${item.argsType}\`${bases}):`, "");
    lines.push(...(item.args.length > 0 ? members(item.args, links) : ["- none of its own"]), "");
  }
  lines.push("Outputs:", "", ...members(item.outputs, links), "");
  return lines;
}

function renderFunction(item: ApiFunction, links: Anchors): string[] {
  const lines = [`### \`${item.name}\``, "", "```ts", ...item.signatures, "```", "", ...docLines(item.doc, links)];
  if (item.params.length > 0) lines.push("Parameters:", "", ...members(item.params, links), "");
  return lines;
}

function renderType(item: ApiInterface | ApiDeclaration, links: Anchors): string[] {
  const lines = [`### \`${item.name}\``, "", ...docLines(item.doc, links)];
  if (item.kind === "interface") lines.push(...(item.members.length > 0 ? members(item.members, links) : []), "");
  else lines.push("```ts", item.text, "```", "");
  return lines;
}

/** The page, before formatting. */
export function renderApi(api: readonly ApiItem[]): string {
  const links = anchors(api);
  const classes = api.filter((i): i is ApiClass => i.kind === "class");
  const argsTypes = new Set(classes.map((c) => c.argsType));
  const functions = api.filter((i): i is ApiFunction => i.kind === "function");
  const types = api.filter(
    (i): i is ApiInterface | ApiDeclaration => i.kind !== "class" && i.kind !== "function" && !argsTypes.has(i.name),
  );
  return [
    "# API reference",
    "",
    "<!-- Generated from the TSDoc in src/ by `npm run docs:api` (tools/api-reference/); do not edit. -->",
    "",
    "Every export of `kubesecret`, as TypeScript declares it. YAML programs use the classes' arguments and",
    "outputs under the same names, Python in snake_case, Go capitalised; the functions are TypeScript only",
    "(see [Using kubesecret from each language](languages.md)).",
    "",
    "## Classes",
    "",
    ...classes.flatMap((c) => renderClass(c, links)),
    "## Functions",
    "",
    ...functions.flatMap((f) => renderFunction(f, links)),
    "## Types",
    "",
    ...types.flatMap((t) => renderType(t, links)),
  ].join("\n");
}
