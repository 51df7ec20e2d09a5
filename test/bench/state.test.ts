import { describe, expect, it } from "vitest";
import { SECRET_TYPE, WRITE_ONLY_SECRET_TYPE, countResources, measureCheckpoint } from "../../bench/engine/state.ts";

const STACK = { urn: "urn:stack", type: "pulumi:pulumi:Stack" };
const PROVIDER = { urn: "urn:provider", type: "pulumi:providers:kubernetes", parent: "urn:stack" };

function checkpoint(resources: object[]): string {
  return JSON.stringify({ version: 3, checkpoint: { stack: "s", latest: { manifest: {}, resources } } }, null, 4);
}

const bytes = (value: object) => Buffer.byteLength(JSON.stringify(value));

describe("measureCheckpoint", () => {
  it("counts a raw Secret's own entry only", () => {
    const secrets = [0, 1].map((i) => ({ urn: `urn:s${i}`, type: SECRET_TYPE, parent: "urn:stack", outputs: { i } }));
    const text = checkpoint([STACK, PROVIDER, ...secrets]);
    const size = measureCheckpoint(text);
    expect(size).toEqual({
      bytes: Buffer.byteLength(text),
      secrets: 2,
      componentSecrets: 0,
      perSecretEntryBytes: (bytes(secrets[0]!) + bytes(secrets[1]!)) / 2,
    });
  });

  it("adds the component's entry to its Secret's", () => {
    const component = {
      urn: "urn:c",
      type: "kubesecret:index:Secret",
      parent: "urn:stack",
      inputs: { big: "x".repeat(500) },
    };
    const secret = { urn: "urn:s", type: SECRET_TYPE, parent: "urn:c" };
    const size = measureCheckpoint(checkpoint([STACK, PROVIDER, component, secret]));
    expect(size.componentSecrets).toBe(1);
    expect(size.perSecretEntryBytes).toBe(bytes(component) + bytes(secret));
  });

  it("counts a write-only Secret's dynamic resource as its Secret, with its component's entry", () => {
    const component = { urn: "urn:c", type: "kubesecret:index:Secret", parent: "urn:stack" };
    const dynamic = { urn: "urn:w", type: WRITE_ONLY_SECRET_TYPE, parent: "urn:c", outputs: { keys: ["a"] } };
    const text = checkpoint([STACK, { urn: "urn:p", type: "pulumi:providers:pulumi-nodejs" }, component, dynamic]);
    expect(measureCheckpoint(text)).toMatchObject({ secrets: 1, componentSecrets: 1 });
    expect(measureCheckpoint(text).perSecretEntryBytes).toBe(bytes(component) + bytes(dynamic));
    expect(countResources(text)).toEqual({ secrets: 1, components: 1 });
  });

  it("counts every program's project name as the same word, whatever its length", () => {
    const named = (project: string) => {
      const urn = (type: string, name: string) => `urn:pulumi:bench::${project}::${type}::${name}`;
      const stack = { urn: urn("pulumi:pulumi:Stack", `${project}-bench`), type: "pulumi:pulumi:Stack" };
      const secret = { urn: urn(SECRET_TYPE, "s-0"), type: SECRET_TYPE, parent: stack.urn, note: project };
      return { text: checkpoint([stack, secret]), secret };
    };
    const short = named("p");
    const long = named("kubesecret-bench-write-only-working-tree");
    // The project stands three times in the entry's URNs (its own; its parent's, the stack's, twice):
    // each counts as "project". Anything else (here `note`) counts as it is.
    const difference = "kubesecret-bench-write-only-working-tree".length - "p".length;
    expect(measureCheckpoint(long.text).perSecretEntryBytes - measureCheckpoint(short.text).perSecretEntryBytes).toBe(
      difference,
    );
    expect(measureCheckpoint(short.text).perSecretEntryBytes).toBe(
      bytes(short.secret) - 3 * "p".length + 3 * "project".length,
    );
  });

  it("fails when the checkpoint holds no Secret", () => {
    expect(() => measureCheckpoint(checkpoint([STACK]))).toThrow(/no Secret/);
  });

  it("fails when the text is not a file-backend checkpoint", () => {
    expect(() => measureCheckpoint(JSON.stringify({ deployment: {} }))).toThrow(/not a file-backend checkpoint/);
  });
});

describe("countResources", () => {
  it("counts Secrets and the components that parent them", () => {
    const resources = [
      STACK,
      PROVIDER,
      { urn: "urn:c", type: "kubesecret-bench:index:BareSecret", parent: "urn:stack" },
      { urn: "urn:s", type: SECRET_TYPE, parent: "urn:c" },
      { urn: "urn:raw", type: SECRET_TYPE, parent: "urn:stack" },
    ];
    expect(countResources(checkpoint(resources))).toEqual({ secrets: 2, components: 1 });
  });

  it("counts nothing after a destroy", () => {
    expect(countResources(checkpoint([]))).toEqual({ secrets: 0, components: 0 });
    expect(countResources(JSON.stringify({ checkpoint: { latest: {} } }))).toEqual({ secrets: 0, components: 0 });
  });
});
