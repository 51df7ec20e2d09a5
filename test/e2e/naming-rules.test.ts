/**
 * Naming rules made explicit:
 * - the stack's `pulumi:autonaming` setting: `generateName` is rejected (naming the setting,
 *   creating nothing) where the setting cannot honour a prefix, and works with a pattern that
 *   starts with the name and has a random part; without `generateName` the setting applies;
 * - one prefix in three namespaces (components whose names extend the prefix): names start with
 *   the prefix, stay across `up`s, differ between stacks, are new on replacement (created before
 *   the old Secret is deleted); a stack from before this rule keeps its Secret (alias).
 */
import type { OutputMap } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import { createNamespace, createStack, importLibrary, libraryStack, useE2E } from "./harness";
import { SECRET_TYPE, observe, recordSteps } from "./support/observe";

const e2e = useE2E("naming-rules");

async function secretsNamed(namespace: string, prefix: string): Promise<string[]> {
  const list = await e2e.core.listNamespacedSecret({ namespace });
  return list.items.map((s) => s.metadata?.name ?? "").filter((n) => n.startsWith(prefix));
}

describe("the stack's pulumi:autonaming setting", () => {
  it.each([
    ["pulumi:autonaming.mode", "verbatim", /pulumi:autonaming is mode "verbatim"/],
    [
      "pulumi:autonaming.providers.kubernetes.mode",
      "disabled",
      /pulumi:autonaming\.providers\.kubernetes is mode "disabled"/,
    ],
    [
      'pulumi:autonaming.providers.kubernetes.resources["kubernetes:core/v1:Secret"].pattern',
      "${project}-${name}-${hex(4)}",
      /resources\["kubernetes:core\/v1:Secret"\] has a pattern that does not start with \$\{name\}-/,
    ],
  ])("fails when %s is %s and generateName is set, creating nothing", async (key, value, message) => {
    const namespace = e2e.namespace;
    const prefix = `auto-${value.length}-`;
    const stack = await libraryStack("autonaming-reject", (lib) => {
      new lib.Secret("s", { namespace, generateName: prefix, stringData: { a: "1" } });
    });
    await stack.stack.setConfig(key, { value }, true);
    for (const operation of [() => stack.preview(), () => stack.up()]) {
      const failure = await operation().then(
        () => "succeeded",
        (err: unknown) => String(err),
      );
      expect(failure).toMatch(/args\.generateName: cannot be honoured: the stack setting/);
      expect(failure).toMatch(message);
    }
    expect(await secretsNamed(namespace, prefix)).toEqual([]);
  });

  it("honours a pattern that starts with the name and has a random part; a per-type setting wins", async () => {
    const namespace = e2e.namespace;
    const stack = await libraryStack("autonaming-honoured", (lib) => {
      const prefixed = new lib.Secret("p", { namespace, generateName: "pat-", stringData: { a: "1" } });
      const verbatim = new lib.SecureOpaqueSecret("verbatim-name", { namespace, stringData: { a: "1" } });
      return { prefixed: prefixed.name, verbatim: verbatim.name };
    });
    await stack.stack.setConfig("pulumi:autonaming.providers.kubernetes.pattern", { value: "${name}-${hex(6)}" }, true);
    await stack.stack.setConfig(
      'pulumi:autonaming.providers.kubernetes.resources["kubernetes:core/v1:Secret"].mode',
      { value: "verbatim" },
      true,
    );
    // The per-type setting (verbatim) wins for Secrets; the prefixed one is then rejected.
    const rejected = await stack.up().then(
      () => "succeeded",
      (err: unknown) => String(err),
    );
    expect(rejected).toMatch(/resources\["kubernetes:core\/v1:Secret"\] is mode "verbatim"/);
    await stack.stack.removeConfig(
      'pulumi:autonaming.providers.kubernetes.resources["kubernetes:core/v1:Secret"]',
      true,
    );
    const { outputs } = await stack.up();
    expect(outputs.prefixed?.value).toMatch(/^pat-[0-9a-f]{6}$/);
    expect(outputs.verbatim?.value).toMatch(/^verbatim-name-[0-9a-f]{6}$/);
    observe("autonaming pattern ${name}-${hex(6)}", outputs);
  });

  it("applies to a Secret without generateName as the setting says (verbatim: the component name)", async () => {
    const namespace = e2e.namespace;
    const stack = await libraryStack("autonaming-verbatim", (lib) => ({
      name: new lib.Secret("verbatim-exact", { namespace, stringData: { a: "1" } }).name,
    }));
    await stack.stack.setConfig("pulumi:autonaming.mode", { value: "verbatim" }, true);
    expect((await stack.up()).outputs.name?.value).toBe("verbatim-exact");
  });
});

describe("one prefix in three namespaces", () => {
  const nsNames = ["a", "b", "c"];
  let namespaces: string[] = [];
  let value = "first";

  const program = () => async () => {
    const lib = await importLibrary();
    const out: Record<string, unknown> = {};
    for (const [i, namespace] of namespaces.entries()) {
      // The loop idiom: component names extend the prefix, one per namespace.
      const secret = new lib.Secret(`db-${nsNames[i]}`, {
        namespace,
        generateName: "db-",
        stringData: { password: value },
      });
      out[nsNames[i]!] = { name: secret.name, uid: secret.uid };
    }
    return out;
  };
  const names = (o: OutputMap) => nsNames.map((n) => (o[n]?.value as { name: string }).name);
  const uids = (o: OutputMap) => nsNames.map((n) => (o[n]?.value as { uid: string }).uid);

  it("names each Secret after the prefix, stably, per stack, anew on replacement", async () => {
    namespaces = await Promise.all(nsNames.map((n) => createNamespace(e2e.core, `${e2e.namespace}-${n}`)));
    const first = await createStack({ name: "prefix-ns", program: program() });
    const up1 = (await first.up()).outputs;
    names(up1).forEach((name, i) => expect(name).toMatch(new RegExp(`^db-${nsNames[i]}-[0-9a-f]{8}$`)));
    const up2 = (await first.up({ expectNoChanges: true })).outputs;
    expect(names(up2)).toEqual(names(up1));

    const second = await createStack({ name: "prefix-ns-2", program: program() });
    const other = (await second.up()).outputs;
    names(other).forEach((name, i) => expect(name).not.toBe(names(up1)[i]));

    value = "second";
    const steps = recordSteps();
    const up3 = (await first.up({ onEvent: steps.onEvent })).outputs;
    for (const [i, n] of nsNames.entries()) {
      expect(names(up3)[i]).not.toBe(names(up1)[i]);
      expect(names(up3)[i]).toMatch(new RegExp(`^db-${n}-[0-9a-f]{8}$`));
      expect(steps.indexOf("create-replacement", SECRET_TYPE, `db-${n}`, "done")).toBeLessThan(
        steps.indexOf("delete-replaced", SECRET_TYPE, `db-${n}`, "pre"),
      );
    }
    observe("one prefix, three namespaces", { first: names(up1), secondStack: names(other), replaced: names(up3) });
    await Promise.all([first.remove(), second.remove()]);
    expect(uids(up3)).toHaveLength(3);
  });

  it("keeps the Secret of a stack made before this rule (its child was named after the prefix)", async () => {
    const namespace = e2e.namespace;
    let current: "old" | "new" = "old";
    const stack = await createStack({
      name: "prefix-alias",
      program: async () => {
        const pulumi = await import("@pulumi/pulumi");
        const k8s = await import("@pulumi/kubernetes");
        const lib = await importLibrary();
        if (current === "new") {
          const s = new lib.Secret("db-main", { namespace, generateName: "db-", stringData: { password: "same" } });
          return { name: s.name, uid: s.uid };
        }
        // What earlier versions registered: the component and a child named after the prefix.
        const parent = new pulumi.ComponentResource("kubesecret:index:Secret", "db-main", {});
        const child = new k8s.core.v1.Secret(
          "db",
          {
            metadata: { namespace },
            type: "Opaque",
            data: pulumi.secret({ password: Buffer.from("same").toString("base64") }),
          },
          { parent },
        );
        return { name: child.metadata.name, uid: child.metadata.uid };
      },
    });
    const before = (await stack.up()).outputs;
    expect(before.name?.value).toMatch(/^db-[0-9a-f]{8}$/);
    current = "new";
    const steps = recordSteps();
    const after = (await stack.up({ onEvent: steps.onEvent })).outputs;
    expect([after.name?.value, after.uid?.value]).toEqual([before.name?.value, before.uid?.value]);
    expect(steps.ops(SECRET_TYPE)).toEqual(["same"]);
    observe("alias from the prefix-named child", steps.summary());
  });
});
