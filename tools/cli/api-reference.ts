/**
 * `npm run docs:api`: rewrites docs/api.md from the TSDoc in src/ (tools/api-reference/).
 * `npm test` fails while the checked-in page differs from what this writes.
 */
import fs from "node:fs";
import path from "node:path";
import { API_FILE, generateApiReference } from "../api-reference/index.ts";
import { REPO_ROOT } from "../repo.ts";

const file = path.join(REPO_ROOT, API_FILE);
const page = await generateApiReference(REPO_ROOT);
const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
fs.writeFileSync(file, page);
process.stdout.write(`${API_FILE}: ${before === page ? "unchanged" : "written"} (${page.split("\n").length} lines)\n`);
