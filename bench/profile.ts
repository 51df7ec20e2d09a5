/**
 * `node bench/profile.ts FILE.cpuprofile...`: where each CPU profile spends its time, by package
 * and by function (profiles come from `npm run bench -- --profile DIR`, or any `node --cpu-prof`).
 */
import fs from "node:fs";
import { type CpuProfile, profileTables, summarizeProfile } from "./report/profile.ts";

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write("usage: node bench/profile.ts FILE.cpuprofile...\n");
  process.exitCode = 2;
}
for (const file of files) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  process.stdout.write(`## ${file}\n\n${profileTables(summarizeProfile(profile))}\n\n`);
}
