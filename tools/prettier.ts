/** Generated files written as the repo's Prettier config formats them, so `npm run format:check` stays clean. */
import fs from "node:fs";
import path from "node:path";
import * as prettier from "prettier";
import { REPO_ROOT } from "./repo.ts";

/** Writes `text` to `file` formatted as Prettier would format it in the repo. */
export async function writeFormatted(file: string, text: string): Promise<void> {
  const config = (await prettier.resolveConfig(path.join(REPO_ROOT, "package.json"))) ?? {};
  fs.writeFileSync(file, await prettier.format(text, { ...config, filepath: file }));
}
