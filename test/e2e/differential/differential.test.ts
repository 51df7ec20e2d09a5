/**
 * Differential test: kubesecret's validation against the real kube-apiserver, in both directions.
 *
 * For each field family (families.ts) fast-check generates inputs biased toward the limits
 * (lengths 62/63/64 and 252/253/254, dots and dashes at the ends, upper case, Unicode, empty).
 * Each input is judged twice:
 *
 *  - kubesecret: the component class itself, constructed under Pulumi mocks (ours.ts). Its
 *    constructor runs `validateSecret` — the whole pipeline's check — on the SettledSpec that
 *    plan.ts builds, and throws a ResourceError listing every problem. This is the strongest
 *    claim available without a Pulumi engine: the arguments go through the same gathering,
 *    merging and validation as in a program.
 *  - the API server: a server-side dry run (`dryRun=All`) of the Secret kubesecret would send
 *    (case.ts: the child's inputs, named by the provider when `name` is not set), in a namespace
 *    this test creates. Namespace names are judged by dry-run creating a Namespace, since a
 *    Secret's namespace must exist. generateName is judged twice: as the provider names the
 *    Secret (compared exactly) and with the server's own `metadata.generateName` (compared with
 *    the deliberate differences allowed).
 *
 * The two must agree, except where test/support/differences.ts lists a deliberate difference:
 * kubesecret rejects, the server accepts, and every reported problem is covered by an entry.
 * And each family must produce both verdicts on both sides, each in a minimum share of its cases
 * (shares.ts, printed per family): agreement on cases that all fail alike would prove nothing.
 *
 * Environment: KUBESECRET_DIFF_SEED replays a run (the seed is printed), KUBESECRET_DIFF_RUNS sets
 * the cases per family (default 2000), KUBESECRET_DIFF_PARALLEL the requests in flight (12). A
 * failure prints the shrunk case with every secret value replaced by its size and shape.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useE2E } from "../harness";
import { type Outcome, type Sides, evaluate } from "./evaluate";
import { FAMILIES, type Family } from "./families";
import { plainStackTraces, startOurSide } from "./ours";
import { mapInPool } from "./pool";
import { describeCase } from "./redact";
import { describeShares, sharesBelow, verdictShares } from "./shares";
import { startServerSide } from "./server";
import { makeTlsMaterial } from "./tlsMaterial";

const e2e = useE2E("differential");

const seed = Number(process.env.KUBESECRET_DIFF_SEED ?? Math.floor(Math.random() * 2 ** 31));
const runs = Number(process.env.KUBESECRET_DIFF_RUNS ?? 2000);
const parallel = Number(process.env.KUBESECRET_DIFF_PARALLEL ?? 12);
const log = (line: string) => process.stderr.write(`[differential] ${line}\n`);

let sides: Sides | undefined;
let restoreStackTraces: (() => void) | undefined;
const started = Date.now();
const summary: string[] = [];

beforeAll(async () => {
  log(`seed ${seed} (replay: KUBESECRET_DIFF_SEED=${seed}), ${runs} cases per family, ${parallel} in flight`);
  restoreStackTraces = plainStackTraces();
  const [ours, server] = await Promise.all([startOurSide(), startServerSide(e2e.context.kubeconfigPath)]);
  sides = { ours, server, namespace: e2e.namespace, material: makeTlsMaterial() };
});

afterAll(() => {
  restoreStackTraces?.();
  summary.forEach(log);
  log(`all families: ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})`);
});

describe.each(FAMILIES.map((f) => [f.name, f] as const))("differential: %s", (_name, family) => {
  it(`kubesecret and kube-apiserver agree on ${runs} generated cases`, async () => {
    const t0 = Date.now();
    const inputs = fc.sample(family.inputs, { seed, numRuns: runs });
    const outcomes = await mapInPool(inputs, parallel, (input) => evaluate(family, input, sides!));
    summary.push(tally(family, outcomes, Date.now() - t0));
    const shares = verdictShares(outcomes);
    log(`${family.name}: ${describeShares(shares)}`);
    const failed = outcomes.flatMap((o, index) => (o.ok ? [] : [index]));
    if (failed.length === 0) {
      expect(sharesBelow(shares, family.minShares), "verdicts too rare to prove agreement").toEqual([]);
      return;
    }
    const shrunk = await shrink(family, failed[0]!);
    const report = [
      `${failed.length} of ${runs} cases disagree (seed ${seed}); shrunk first disagreement:`,
      `  ${shrunk}`,
      ...failed
        .slice(0, 10)
        .map((i) => `  #${i} ${describeInput(family, inputs[i])}\n      ${outcomes[i]!.failures.join("\n      ")}`),
    ].join("\n");
    expect.fail(report);
  });
});

/** Replays failing case `index` of this seed and lets fast-check shrink it. */
async function shrink(family: Family<unknown>, index: number): Promise<string> {
  let last: Outcome | undefined;
  const details = await fc.check(
    fc.asyncProperty(family.inputs, async (input) => {
      last = await evaluate(family, input, sides!);
      return last.ok;
    }),
    { seed, path: String(index), numRuns: runs, endOnFailure: false },
  );
  if (!details.failed || details.counterexample === null) return "(the failure did not reproduce)";
  const [input] = details.counterexample;
  const outcome = await evaluate(family, input, sides!);
  return `${describeInput(family, input)}\n      ${outcome.failures.join("\n      ")}`;
}

function describeInput(family: Family<unknown>, input: unknown): string {
  return family.describe ? family.describe(input) : describeCase(family.toCase(input, sides!.material));
}

function tally(family: Family<unknown>, outcomes: readonly Outcome[], ms: number): string {
  const count = (p: (o: Outcome) => boolean) => outcomes.filter(p).length;
  const allowed = new Map<string, number>();
  outcomes.forEach((o) => o.allowed.forEach((id) => allowed.set(id, (allowed.get(id) ?? 0) + 1)));
  const differences = [...allowed].map(([id, n]) => `${id} ${n}`).join(", ") || "none";
  const notes = new Map<string, number>();
  outcomes.forEach((o) => o.notes.forEach((n) => notes.set(n, (notes.get(n) ?? 0) + 1)));
  return (
    `${family.name}: ${outcomes.length} cases in ${(ms / 1000).toFixed(1)} s; kubesecret accepted ` +
    `${count((o) => o.oursAccepted)}, the API server accepted ${count((o) => o.serverAccepted[0]!)}; ` +
    `deliberate differences: ${differences}; disagreements: ${count((o) => !o.ok)}` +
    [...notes].map(([note, n]) => `; noted: ${note} ${n}`).join("")
  );
}
