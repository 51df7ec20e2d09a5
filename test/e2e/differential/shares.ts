/**
 * How a family's cases split between the verdicts, on each side. Agreement alone proves nothing
 * when a generator's cases all fail (or all pass) the same way on both sides, so each family must
 * reach a minimum share of every verdict: {@link DEFAULT_MIN_SHARE}, or less where a family says why.
 * The server's verdict is "accepted cleanly": created without a warning (for `kubernetes.io/tls`,
 * the warning is its verdict on the pair).
 */
import type { Outcome } from "./evaluate";

export interface VerdictShares {
  readonly oursAccepted: number;
  readonly oursRejected: number;
  readonly serverAccepted: number;
  readonly serverRejected: number;
}

export const DEFAULT_MIN_SHARE = 0.1;

export function verdictShares(outcomes: readonly Outcome[]): VerdictShares {
  const share = (p: (o: Outcome) => boolean) => outcomes.filter(p).length / Math.max(outcomes.length, 1);
  const oursAccepted = share((o) => o.oursAccepted);
  const serverAccepted = share((o) => o.serverClean[0]!);
  return { oursAccepted, oursRejected: 1 - oursAccepted, serverAccepted, serverRejected: 1 - serverAccepted };
}

export function describeShares(shares: VerdictShares): string {
  const pct = (n: number) => `${(100 * n).toFixed(1)}%`;
  return (
    `kubesecret accepted ${pct(shares.oursAccepted)} / rejected ${pct(shares.oursRejected)}, ` +
    `the API server accepted cleanly ${pct(shares.serverAccepted)} / not ${pct(shares.serverRejected)}`
  );
}

/** The verdicts whose share is below the family's minimum, described; empty when all reach it. */
export function sharesBelow(shares: VerdictShares, minimums: Partial<VerdictShares> = {}): string[] {
  return (Object.keys(shares) as (keyof VerdictShares)[]).flatMap((verdict) => {
    const minimum = minimums[verdict] ?? DEFAULT_MIN_SHARE;
    return shares[verdict] < minimum ? [`${verdict} ${shares[verdict].toFixed(3)} < ${minimum}`] : [];
  });
}
