/**
 * Which repository files a compatibility project needs: the files given and, transitively, every
 * file they import by a relative path, except the library's sources (src/), which the project
 * replaces with the installed package.
 */
import fs from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";

/** The relative module specifiers in a TypeScript file: static and dynamic imports, re-exports. */
export function relativeSpecifiers(text: string): string[] {
  const found = new Set<string>();
  const patterns = [/\bfrom\s*["'](\.{1,2}\/[^"']*)["']/g, /(?<![\w.$"'`])import\s*\(?\s*["'](\.{1,2}\/[^"']*)["']/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

/**
 * The packages a TypeScript file imports by name (`vitest`, `@pulumi/pulumi` for
 * `@pulumi/pulumi/provider/...`); Node.js built-ins are left out.
 */
export function importedPackages(text: string): string[] {
  const found = new Set<string>();
  const patterns = [/\bfrom\s*["']([^"'.][^"']*)["']/g, /(?<![\w.$"'`])import\s*\(?\s*["']([^"'.][^"']*)["']/g];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const specifier = match[1]!;
      if (isBuiltin(specifier)) continue;
      const segments = specifier.split("/");
      found.add(specifier.startsWith("@") ? segments.slice(0, 2).join("/") : segments[0]!);
    }
  }
  return [...found].sort();
}

/** The file a relative specifier names, as TypeScript and vitest resolve it, or undefined. */
export function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  const target = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [target, `${target}.ts`, `${target}.mts`, path.join(target, "index.ts")];
  return candidates.find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
}

/** Every file below `dir` (relative to `root`), recursively. */
export function filesBelow(root: string, dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * `starts` (relative to `root`) and what they import, transitively, relative to `root`. Imports
 * of `skipDir` are left out; an import that resolves to no file, or outside `root`, fails.
 */
export function importClosure(root: string, starts: readonly string[], skipDir: string): string[] {
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(m?ts|js)$/.test(file)) continue;
    const absolute = path.join(root, file);
    for (const specifier of relativeSpecifiers(fs.readFileSync(absolute, "utf8"))) {
      const target = path.relative(root, path.resolve(path.dirname(absolute), specifier));
      if (target === skipDir || target.startsWith(`${skipDir}/`)) continue;
      const resolved = resolveSpecifier(absolute, specifier);
      if (!resolved) throw new Error(`${file} imports ${specifier}, which names no file`);
      const relative = path.relative(root, resolved);
      if (relative.startsWith("..")) throw new Error(`${file} imports ${specifier}, outside ${root}`);
      queue.push(relative);
    }
  }
  return [...seen].sort();
}

/**
 * `files` plus the package.json files below `root` that set their module type (`tools/` is
 * `"type": "module"`): what a copy needs for Node.js and vitest to read each file the same way.
 */
export function withPackageScopes(root: string, files: readonly string[]): string[] {
  const all = new Set(files);
  for (const file of files) {
    for (let dir = path.dirname(file); dir !== "." && dir !== ""; dir = path.dirname(dir)) {
      const manifest = path.join(dir, "package.json");
      if (fs.existsSync(path.join(root, manifest))) all.add(manifest);
    }
  }
  return [...all].sort();
}
