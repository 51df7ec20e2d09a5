/**
 * The API reference (docs/api.md), generated from the package's TSDoc: `npm run docs:api` writes
 * it, and a unit test regenerates it in memory and fails when the checked-in page is stale.
 */
import path from "node:path";
import prettier from "prettier";
import { collectApi, packageProgram } from "./collect.ts";
import { API_FILE, renderApi } from "./render.ts";

export { API_FILE };

/** The page for the package in `root`, formatted as the repository formats Markdown. */
export async function generateApiReference(root: string): Promise<string> {
  const api = collectApi(packageProgram(root), path.join(root, "src", "index.ts"));
  const file = path.join(root, API_FILE);
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(renderApi(api), { ...config, filepath: file });
}
