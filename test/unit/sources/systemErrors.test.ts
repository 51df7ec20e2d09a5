/**
 * node:fs errors quote the path in their message ("EACCES: permission denied, open '…'"). The
 * loaders keep only the error code: here fs calls fail with every code on a path that names
 * nothing, and the error must hold neither node's message nor the path.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import * as kubesecret from "../../../src";
import { thrownBy } from "./errors";
import { everythingIn, expectNothingOf } from "./leaks";

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return {
    ...actual,
    statSync: vi.fn(actual.statSync),
    openSync: vi.fn(actual.openSync),
    readdirSync: vi.fn(actual.readdirSync),
  };
});

const root = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-syserr-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.mocked(fs.statSync).mockReset());

const leaf = "canary-3b9f0d-s3cret";
const given = path.join(root, leaf);
const NODE_TOKEN = "node-message-7e21";

/** An error as node:fs makes it: code, errno, syscall, path, and the path in the message. */
function systemError(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${NODE_TOKEN}, ${syscall} '${given}'`), {
    code,
    errno: -1,
    syscall,
    path: given,
  });
}

/** Makes `fs.statSync` say `given` is a file or directory of 10 bytes (it names nothing). */
function pretendExists(kind: "file" | "directory") {
  const actual = vi.mocked(fs.statSync).getMockImplementation()!;
  vi.mocked(fs.statSync).mockImplementation(((p: fs.PathLike, o?: fs.StatSyncOptions) =>
    p === given
      ? { isFile: () => kind === "file", isDirectory: () => kind === "directory", size: 10 }
      : actual(p, o)) as typeof fs.statSync);
}

const LOADERS = [
  {
    name: "fromFile",
    kind: "file",
    load: () => kubesecret.secretData(kubesecret.fromFile(given)),
    argument: "argument 1 (fromFile)",
  },
  {
    name: "fromEnvFile",
    kind: "file",
    load: () => kubesecret.secretData(kubesecret.fromEnvFile(given)),
    argument: "argument 1 (fromEnvFile)",
  },
  {
    name: "fromDirectory",
    kind: "directory",
    load: () => kubesecret.secretData(kubesecret.fromDirectory(given)),
    argument: "argument 1 (fromDirectory)",
  },
  { name: "dockerConfigFromFile", kind: "file", load: () => kubesecret.dockerConfigFromFile(given), argument: "path" },
  {
    name: "tlsFromFiles",
    kind: "file",
    load: () => kubesecret.tlsFromFiles({ cert: given, key: given }),
    argument: 'cert (key "tls.crt")',
  },
  {
    name: "sshAuthFromFiles",
    kind: "file",
    load: () => kubesecret.sshAuthFromFiles({ privateKey: given }),
    argument: "privateKey",
  },
] as const;

const CODES = [
  ["EACCES", "cannot be read: permission denied (EACCES)"],
  ["EPERM", "cannot be read: permission denied (EPERM)"],
  ["ELOOP", "cannot be read: too many levels of symbolic links (ELOOP)"],
  ["ENOENT", "nothing exists at the given path"],
  ["ENOTDIR", "nothing exists at the given path"],
  ["ENAMETOOLONG", "nothing exists at the given path"],
  ["EIO", "cannot be read (EIO)"],
  ["EMFILE", "cannot be read (EMFILE)"],
] as const;

describe.each(LOADERS)("$name", ({ kind, load, argument }) => {
  it.each(CODES)("fails when stat fails with %s, keeping only the code", (code, rule) => {
    vi.mocked(fs.statSync).mockImplementation(() => {
      throw systemError(code, "stat");
    });
    const err = thrownBy(load);
    expectNothingOf([NODE_TOKEN, leaf], everythingIn(err));
    expect(err.message).toContain(`  - ${argument}: ${rule} (a string of ${given.length} characters, 1 line;`);
  });

  it.each(CODES)(
    `fails when ${kind === "file" ? "open" : "readdir"} fails with %s, keeping only the code`,
    (code, rule) => {
      pretendExists(kind);
      const failing = kind === "file" ? vi.mocked(fs.openSync) : vi.mocked(fs.readdirSync);
      failing.mockImplementationOnce(() => {
        throw systemError(code, kind === "file" ? "open" : "scandir");
      });
      const err = thrownBy(load);
      expectNothingOf([NODE_TOKEN, leaf], everythingIn(err));
      expect(err.message).toContain(`  - ${argument}: ${rule} (a string of ${given.length} characters, 1 line;`);
    },
  );
});
