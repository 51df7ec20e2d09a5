/**
 * The Pulumi program the real-engine part runs, once per program directory (see programs.ts):
 * `n` units of the configured subject, each a Secret with two values and a label. Modules come
 * from the program directory's node_modules: the installed tarball and the pinned SDKs.
 *
 * Config: subject (raw | bare | Secret), n, namespace, runLabel, and writeOnly (true or absent).
 */
import { createRequire } from "node:module";
import path from "node:path";
import type * as Pulumi from "@pulumi/pulumi";
import type { Subject } from "../schema.ts";
import { type SubjectModules, subjectConstructor } from "../subjects.ts";

const load = createRequire(path.join(process.cwd(), "package.json"));
const pulumi = load("@pulumi/pulumi") as typeof Pulumi;
const config = new pulumi.Config();
const subject = config.require("subject") as Subject;
const modules: SubjectModules = {
  pulumi,
  kubernetes: load("@pulumi/kubernetes"),
  kubesecret: subject === "raw" || subject === "bare" ? undefined : load("kubesecret"),
};
const construct = subjectConstructor(subject, modules, {
  namespace: config.require("namespace"),
  runLabel: config.require("runLabel"),
  writeOnly: config.getBoolean("writeOnly") === true,
});
const n = config.requireNumber("n");
for (let i = 0; i < n; i++) construct(i);
