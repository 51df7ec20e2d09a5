/**
 * `writeOnly` from YAML and Python: those programs are served by the
 * kubesecret plugin and have no node_modules, so the dynamic provider that refresh and destroy
 * need could not load there. Run by the real YAML and Python language hosts, a component with
 * `writeOnly: true` fails at preview (and at up) with an error naming args.writeOnly and the
 * reason, holding no value; nothing is created in the cluster or in state.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../tools/repo.ts";
import {
  type TestStack,
  canary,
  createStack,
  e2eContext,
  ensureLibraryBuilt,
  findLeaks,
  readSecret,
  runPulumi,
  useE2E,
} from "./harness";
import { yamlProjectHead } from "./support/languages";

const e2e = useE2E("wo-languages");
const REASON = /args\.writeOnly: needs the kubesecret npm package installed in the program's directory/;

/** A scratch program directory of this run. */
function workDir(name: string, files: Record<string, string>): string {
  const dir = path.join(e2eContext().runDir, "work", `${name}-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

/** What an operation threw: its message holds the CLI's output. */
async function failure(operation: () => Promise<unknown>): Promise<string> {
  const outcome = await operation().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(outcome, "the operation fails").toBeInstanceOf(Error);
  return String((outcome as Error).message);
}

/** Preview and up both fail with the reason, print no value, and create nothing. */
async function expectRefused(stack: TestStack, secretName: string, value: string) {
  const preview = await failure(() => stack.preview());
  expect(preview).toMatch(REASON);
  expect(preview).toMatch(/has invalid arguments; nothing was created/);
  const up = await failure(() => stack.up());
  expect(up).toMatch(REASON);
  expect(await readSecret(e2e.core, e2e.namespace, secretName)).toBeUndefined();
  const state = stack.rawState();
  expect(state).not.toContain("kubesecret:index:Secret");
  expect(state).not.toContain("WriteOnlySecret");
  expect(findLeaks(`${preview}\n${up}\n${stack.text()}\n${state}`, [value])).toEqual([]);
}

/**
 * The program `wo-<language>` made of `files` in a scratch dir, with a fresh canary
 * `password` configured (secret) under `passwordKey` and `prepare` run in the dir first: preview
 * and up refuse it (see expectRefused).
 */
async function expectProgramRefused(
  language: string,
  passwordKey: string,
  files: Record<string, string>,
  prepare: (dir: string) => Promise<void> = async () => {},
) {
  await ensureLibraryBuilt();
  const name = `wo-${language}`;
  const password = canary(`${language}-password`);
  const dir = workDir(name, files);
  await prepare(dir);
  const stack = await createStack({
    name,
    dir,
    config: { namespace: { value: e2e.namespace }, [passwordKey]: { value: password, secret: true } },
  });
  await expectRefused(stack, name, password);
}

describe("YAML program (packages: kubesecret)", () => {
  it("fails at preview with a value-free error naming args.writeOnly; nothing is created", async () => {
    await expectProgramRefused("yaml", "password", {
      "Pulumi.yaml": [
        ...yamlProjectHead("kubesecret-e2e-wo-yaml"),
        "  password:",
        "    type: string",
        "    secret: true",
        "resources:",
        "  creds:",
        "    type: kubesecret:index:Secret",
        "    properties:",
        "      namespace: ${namespace}",
        "      name: wo-yaml",
        "      writeOnly: true",
        "      stringData:",
        "        password: ${password}",
        "",
      ].join("\n"),
    });
  }, 600_000);
});

describe("Python program (pulumi package add, the generated SDK)", () => {
  it("fails at preview with a value-free error naming args.writeOnly; nothing is created", async () => {
    const files = {
      "Pulumi.yaml": [
        "name: kubesecret-e2e-wo-python",
        "runtime:",
        "  name: python",
        "  options:",
        "    toolchain: pip",
        "    virtualenv: venv",
        "",
      ].join("\n"),
      // The versions examples/python pins.
      "requirements.txt": fs.readFileSync(path.join(REPO_ROOT, "examples", "python", "requirements.txt"), "utf8"),
      "__main__.py": [
        "import pulumi",
        "import pulumi_kubesecret as kubesecret",
        "",
        "config = pulumi.Config()",
        "kubesecret.Secret(",
        '    "creds",',
        '    namespace=config.require("namespace"),',
        '    name="wo-python",',
        "    write_only=True,",
        '    string_data={"password": config.require_secret("dbPassword")},',
        ")",
        "",
      ].join("\n"),
    };
    await expectProgramRefused("python", "dbPassword", files, async (dir) => {
      await runPulumi(["package", "add", REPO_ROOT], dir);
      const sdk = fs.readFileSync(path.join(dir, "sdks", "kubesecret", "pulumi_kubesecret", "secret.py"), "utf8");
      expect(sdk, "the SDK offers write_only").toContain("write_only");
    });
  }, 900_000);
});
