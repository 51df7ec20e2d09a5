/**
 * The vitest config of a compatibility project (see project.ts): copied into the scratch project
 * with the unit suite and the repo's vitest.config.mts, and used only there. The tests' imports
 * of `../../src` and `../../src/<module>` resolve to the INSTALLED kubesecret's built files
 * (node_modules/kubesecret/bin); the project has no src/, so an import the mapping missed fails
 * instead of quietly testing the sources. Everything else (@pulumi/*, vitest, fast-check)
 * resolves from the project's node_modules, as in a user's project.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Plugin, type TestProjectInlineConfiguration, configDefaults, defineConfig } from "vitest/config";
import base from "../../vitest.config.mts";
import { EXCLUDED, SUITE_DIR } from "./suite.ts";

const root = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

/** Maps imports of `<root>/src[/<module>]` to the installed package's compiled files. */
function installedPackageAsSrc(projectRoot: string): Plugin {
  const manifest = createRequire(path.join(projectRoot, "package.json")).resolve("kubesecret/package.json");
  const { main } = JSON.parse(readFileSync(manifest, "utf8")) as { main: string };
  const entry = path.join(path.dirname(manifest), main);
  const outDir = path.dirname(entry);
  const srcDir = path.join(projectRoot, "src");
  return {
    name: "kubesecret-compat:src-is-the-installed-package",
    enforce: "pre",
    resolveId(source, importer) {
      if (!importer || !source.startsWith(".")) return null;
      const target = path.resolve(path.dirname(importer), source);
      if (target !== srcDir && !target.startsWith(`${srcDir}/`)) return null;
      const module = path.relative(srcDir, target);
      if (module === "") return entry;
      const candidates = [path.join(outDir, `${module}.js`), path.join(outDir, module, "index.js")];
      const found = candidates.find((file) => existsSync(file));
      if (!found)
        throw new Error(`${importer} imports ${source}: the installed package has no ${candidates.join(" or ")}`);
      return found;
    },
  };
}

const unit = base.test?.projects?.find(
  (p): p is TestProjectInlineConfiguration => typeof p === "object" && "test" in p && p.test?.name === "unit",
);
if (!unit?.test?.setupFiles) throw new Error("vitest.config.mts has no unit project with setup files");

export default defineConfig({
  plugins: [installedPackageAsSrc(root)],
  test: {
    root,
    include: [`${SUITE_DIR}/**/*.test.ts`],
    exclude: [...configDefaults.exclude, ...Object.keys(EXCLUDED)],
    setupFiles: unit.test.setupFiles,
    // Test files share workers here (npm test isolates them): the setup file still installs fresh
    // mocks before each file, and a combination takes about 3 s instead of 13 s (measured).
    isolate: false,
    // The run installs the next combinations while it tests one: the cores are shared, so a
    // property test that takes a second alone may take several here.
    testTimeout: 30_000,
    onUnhandledError: base.test?.onUnhandledError,
  },
});
