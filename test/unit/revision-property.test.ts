/**
 * The revision is a keyed function of a Secret's content, tested as a property rather than
 * against a few guessed formulas: for any data, equal data in two Secrets (or the same Secret
 * constructed twice, as in two stacks) gives unrelated revisions, so the revision is not a
 * function of the data alone; under one key it is determined by the data and changes with it.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import * as kubesecret from "../../src";
import { computeRevision } from "../../src/pipeline/revision";
import { registrations, resetRegistrations, unwrapWire } from "./mocks";
import { uniqueName, valueOf } from "./outputValues";

const dataKey = fc.stringMatching(/^[-._a-zA-Z0-9]{1,20}$/).filter((k) => k !== "." && !k.startsWith(".."));
const stringData = fc.dictionary(dataKey, fc.string({ unit: "grapheme", maxLength: 40 }), { maxKeys: 4 });
const RUNS = 60;

interface Made {
  revision: string;
  key: string;
  data: Record<string, string>;
}

/** A Secret with revision tracking; its revision, the key its Stash holds, and its data as sent. */
async function make(name: string, data: Record<string, string>): Promise<Made> {
  const secret = new kubesecret.Secret(name, { stringData: data, trackRevision: true });
  const revision = (await valueOf(secret.revision))!;
  const stashes = registrations.filter((r) => r.type === "pulumi:index:Stash" && r.name === `${name}-revision-key`);
  const key = unwrapWire(stashes.at(-1)!.inputs["input"]) as string;
  return { revision, key, data: await valueOf(secret.data) };
}

/** Hex digits that agree position by position: about 1 in 16 for unrelated revisions. */
const agreeing = (a: string, b: string) => [...a].filter((digit, i) => b[i] === digit).length;

describe("the revision of equal data", () => {
  beforeEach(resetRegistrations);

  it("differs between two Secrets and between two constructions of one, and shares nothing more than chance", async () => {
    let digits = 0;
    let agreed = 0;
    await fc.assert(
      fc.asyncProperty(stringData, async (data) => {
        const name = uniqueName("same");
        const [a, b, again] = [await make(name, data), await make(uniqueName("other"), data), await make(name, data)];
        expect(b.data).toEqual(a.data);
        for (const other of [b, again]) {
          expect(other.revision).not.toBe(a.revision);
          digits += a.revision.length;
          agreed += agreeing(a.revision, other.revision);
        }
      }),
      { numRuns: RUNS },
    );
    // Chance gives 1/16 (sd about 0.004 over these digits); a revision partly computed from the
    // data alone would agree far more often.
    console.log(`equal data, different Secrets: ${agreed} of ${digits} hex digits agree`);
    expect(agreed / digits).toBeLessThan(1 / 8);
  }, 60_000);
});

describe("the revision under a Secret's own key", () => {
  beforeEach(resetRegistrations);

  it("is the keyed function of its data: the same data gives it again, any other data changes it", async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(stringData, stringData, async (data, otherData) => {
        const made = await make(uniqueName("keyed"), data);
        const revisionOf = (d: Record<string, string>) => computeRevision(made.key, "Opaque", d);
        expect(revisionOf(made.data)).toBe(made.revision);
        const encoded = (d: Record<string, string>) =>
          Object.fromEntries(Object.entries(d).map(([k, v]) => [k, Buffer.from(v).toString("base64")]));
        const variants = [
          encoded(otherData),
          // Every value changed alone, every key dropped alone, one key added.
          ...Object.keys(data).map((k) => encoded({ ...data, [k]: `${data[k]}x` })),
          ...Object.keys(data).map((k) => encoded(Object.fromEntries(Object.entries(data).filter(([d]) => d !== k)))),
          encoded({ ...data, "added-key": "" }),
        ];
        for (const variant of variants.filter((v) => !isDeepStrictEqual(v, made.data))) {
          expect(revisionOf(variant)).not.toBe(made.revision);
          compared += 1;
        }
      }),
      { numRuns: RUNS },
    );
    expect(compared, "changed data compared").toBeGreaterThan(RUNS * 2);
  }, 60_000);
});
