import { describe, expect, it } from "vitest";
import { KUBESECRET_CLASSES, RUN_LABEL, type SubjectModules, subjectConstructor } from "../../bench/subjects.ts";
import { CLASS_NAMES, CLASS_TABLE } from "../../tools/classCases.ts";

const tls = { cert: "CERT", key: "KEY" };

/** Modules whose classes only record what they were constructed with. */
function recordingModules(): { modules: SubjectModules; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const recorder = (kind: string) =>
    class {
      constructor(...args: unknown[]) {
        calls.push([kind, ...args]);
      }
    };
  const kubesecret = new Proxy({}, { get: (_, name) => recorder(String(name)) });
  const modules = { pulumi: {}, kubernetes: {}, kubesecret } as unknown as SubjectModules;
  return { modules, calls };
}

describe("bench subjects", () => {
  it("measures every class of the shared table, in its order", () => {
    expect(KUBESECRET_CLASSES).toEqual(CLASS_NAMES);
  });

  it.each(CLASS_NAMES)(
    "builds unit i of %s from the table's minimal arguments, the namespace and the run label",
    (name) => {
      for (const writeOnly of [false, true]) {
        const { modules, calls } = recordingModules();
        const construct = subjectConstructor(name, modules, { namespace: "ns", runLabel: "r1", tls, writeOnly });
        construct(0);
        construct(3);
        const expected = (i: number) => ({
          namespace: "ns",
          labels: { [RUN_LABEL]: "r1" },
          ...CLASS_TABLE[name].minimalArgs(i, tls),
          ...(writeOnly ? { writeOnly: true } : {}),
        });
        expect(calls).toEqual([
          [name, "s-0", expected(0)],
          [name, "s-3", expected(3)],
        ]);
      }
    },
  );

  it("fails when a class is asked for without the library", () => {
    const { modules } = recordingModules();
    expect(() =>
      subjectConstructor("Secret", { ...modules, kubesecret: undefined }, { namespace: "n", runLabel: "r" }),
    ).toThrow(/Secret needs the kubesecret library/);
  });
});
