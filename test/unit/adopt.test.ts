/**
 * `adopt` takes an existing Secret over only when asked, and only where it can: bad input is
 * refused before anything is registered (the taking over itself is end to end: test/e2e/adopt.test.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, it } from "vitest";
import { classCases } from "./fixtures";
import { resetRegistrations } from "./mocks";
import { expectRejected } from "./rejected";

beforeEach(resetRegistrations);

describe.each(classCases)("$className with adopt", ({ Class, args }) => {
  it("fails when adopt is set without a name", () => {
    expectRejected({
      what: "adopt without name",
      make: (n) => new Class(n, { ...args(), name: undefined, adopt: true } as never),
      message: /args\.adopt: needs args\.name/,
    });
  });

  it("fails when adopt is an Output", () => {
    expectRejected({
      what: "adopt as an Output",
      make: (n) => new Class(n, { ...args(), name: "fixed", adopt: pulumi.output(true) } as never),
      message: /args\.adopt/,
    });
  });

  it("fails when adopt is not a boolean (an untyped language's string)", () => {
    expectRejected({
      what: "adopt as a string",
      make: (n) => new Class(n, { ...args(), name: "fixed", adopt: "yes" } as never),
      message: /args\.adopt/,
    });
  });
});
