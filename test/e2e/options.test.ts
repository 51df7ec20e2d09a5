/**
 * Resource options set on a component reach its Secret (Pulumi gives a child only `protect`):
 * retainOnDelete, customTimeouts, ignoreChanges and replaceOnChanges (named by the component's
 * arguments), and protect, which Pulumi itself passes down. Real CLI, engine and API server.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type TestStack, libraryStack, readSecret, runPulumi, useE2E } from "./harness";

const e2e = useE2E("options");

describe("a component's resource options on its Secret", () => {
  let label = "one";
  let stack: TestStack;

  beforeAll(async () => {
    stack = await libraryStack("options", (lib) => {
      const ns = e2e.namespace;
      const labels = { phase: label };
      const kept = new lib.Secret(
        "kept",
        { namespace: ns, name: "kept", stringData: { a: "1" } },
        { retainOnDelete: true },
      );
      const timed = new lib.Secret(
        "timed",
        { namespace: ns, name: "timed", stringData: { a: "1" } },
        {
          customTimeouts: { create: "7m", update: "8m", delete: "9m" },
        },
      );
      const ignoring = new lib.Secret(
        "ignoring",
        { namespace: ns, name: "ignoring", labels, stringData: { a: "1" } },
        {
          ignoreChanges: ["labels"],
        },
      );
      const replacing = new lib.Secret(
        "replacing",
        { namespace: ns, labels, stringData: { a: "1" } },
        {
          replaceOnChanges: ["labels"],
        },
      );
      const guarded = new lib.Secret(
        "guarded",
        { namespace: ns, name: "guarded", stringData: { a: "1" } },
        { protect: true },
      );
      return {
        kept: kept.uid,
        timed: timed.uid,
        ignoring: ignoring.uid,
        replacing: replacing.name,
        guarded: guarded.uid,
      };
    });
  }, 60_000);

  /** The child Secret's record in the latest checkpoint. */
  const child = (name: string) =>
    stack
      .state()
      .checkpoint.latest.resources.find(
        (r: { type: string; urn: string }) => r.type === "kubernetes:core/v1:Secret" && r.urn.endsWith(`::${name}`),
      );

  it("records retainOnDelete, customTimeouts and protect on the child", async () => {
    await stack.up();
    expect(child("kept").retainOnDelete).toBe(true);
    expect(child("timed").customTimeouts).toEqual({ create: 420, update: 480, delete: 540 });
    expect(child("guarded").protect).toBe(true);
    expect(child("ignoring").retainOnDelete ?? false).toBe(false);
  }, 300_000);

  it("ignores a label change where asked, and replaces on one where asked", async () => {
    const before = await stack.outputs();
    label = "two";
    const result = await stack.up();
    expect((await readSecret(e2e.core, e2e.namespace, "ignoring"))!.metadata!.labels!["phase"]).toBe("one");
    expect(result.outputs["ignoring"]!.value).toBe(before["ignoring"]!.value);
    const replaced = result.outputs["replacing"]!.value as string;
    expect(replaced).not.toBe(before["replacing"]!.value);
    expect((await readSecret(e2e.core, e2e.namespace, replaced))!.metadata!.labels!["phase"]).toBe("two");
    expect(await readSecret(e2e.core, e2e.namespace, before["replacing"]!.value as string)).toBeUndefined();
  }, 300_000);

  it("refuses to destroy a protected Secret, and keeps a retained one on destroy", async () => {
    const refused = await stack.destroy().then(
      () => "",
      (err: unknown) => String(err),
    );
    expect(refused).toContain("protected");
    // The rest was destroyed: the retained Secret's object stays, the others are gone.
    expect(await readSecret(e2e.core, e2e.namespace, "guarded")).toBeDefined();
    expect(await readSecret(e2e.core, e2e.namespace, "kept")).toBeDefined();
    expect(await readSecret(e2e.core, e2e.namespace, "timed")).toBeUndefined();
    await runPulumi(["state", "unprotect", "--all", "--yes", "--stack", stack.name], stack.stack.workspace.workDir);
    await stack.destroy();
    expect(await readSecret(e2e.core, e2e.namespace, "guarded")).toBeUndefined();
  }, 300_000);
});
