/**
 * Resource options of a component that mean its Secret: forwarded, translated from
 * argument names to the child's properties, or refused with a clear error.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import { childOptions } from "../../src/pipeline/options";
import { classCases } from "./fixtures";
import { resetRegistrations } from "./mocks";
import { expectRejected } from "./rejected";

beforeEach(resetRegistrations);

describe("childOptions", () => {
  const values = ["stringData", "data"];

  it("forwards retainOnDelete, deletedWith and customTimeouts as given", () => {
    const deletedWith = {} as pulumi.Resource;
    const customTimeouts = { create: "2m", delete: "1m" };
    const { options, problems } = childOptions({ retainOnDelete: true, deletedWith, customTimeouts }, values, false);
    expect(problems).toEqual([]);
    expect(options).toEqual({ retainOnDelete: true, deletedWith, customTimeouts });
  });

  it("forwards nothing else (protect is inherited by Pulumi; providers too)", () => {
    const { options } = childOptions({ protect: true, aliases: [{ name: "old" }], dependsOn: [] }, values, false);
    expect(options).toEqual({});
  });

  it.each([
    [
      false,
      ["labels", "annotations.team", "stringData", "data", "immutable", "type"],
      ["metadata.labels", "metadata.annotations.team", "data", "immutable", "type"],
    ],
    [
      true,
      ["labels", "annotations.team", "stringData", "data", "immutable", "type"],
      ["labels", "annotations.team", "fingerprints", "immutable", "type"],
    ],
  ])(
    "translates ignoreChanges and replaceOnChanges to the child's properties (writeOnly %s)",
    (writeOnly, given, expected) => {
      const { options, problems } = childOptions({ ignoreChanges: given, replaceOnChanges: given }, values, writeOnly);
      expect(problems).toEqual([]);
      expect(options.ignoreChanges).toEqual(expected);
      expect(options.replaceOnChanges).toEqual(expected);
    },
  );

  it("fails when a path names no argument of the component", () => {
    const { problems } = childOptions({ ignoreChanges: ["labels", "metadata.labels", "spec"] }, values, false);
    expect(problems.map((p) => p.field)).toEqual(["opts.ignoreChanges[1]", "opts.ignoreChanges[2]"]);
  });

  it("fails when import is given (a component has nothing to import)", () => {
    const { problems } = childOptions({ import: "default/x" } as pulumi.ComponentResourceOptions, values, false);
    expect(problems).toEqual([expect.objectContaining({ field: "opts.import" })]);
  });
});

describe.each(classCases)("$className with resource options", ({ Class, args }) => {
  it("fails when ignoreChanges names no argument, before anything is registered", () => {
    expectRejected({
      what: "unknown ignoreChanges path",
      make: (n) => new Class(n, args() as never, { ignoreChanges: ["spec.template"] }),
      message: /opts\.ignoreChanges\[0\]: names no argument of this component/,
    });
  });

  it("fails when import is given, pointing at adopt", () => {
    expectRejected({
      what: "import",
      make: (n) => new Class(n, args() as never, { import: "default/x" } as pulumi.ComponentResourceOptions),
      message: /opts\.import: applies to a Secret, not to a component: set args\.adopt/,
    });
  });
});
