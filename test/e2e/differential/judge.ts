/**
 * Whether kubesecret and the API server agree on one request. A disagreement is allowed only
 * when the comparison permits deliberate differences, kubesecret rejected, the server accepted,
 * and every problem kubesecret reported is one of DELIBERATE_DIFFERENCES.
 *
 * For `kubernetes.io/tls` Secrets the server's warning is compared too: it warns when Go's
 * crypto/tls cannot load the pair, and kubesecret must report a `tls.crt` or `tls.key` problem
 * exactly then — with one known gap, noted rather than failed: kubesecret reads certificates and
 * keys with OpenSSL, which accepts some damaged DER that Go's stricter parsers refuse (warnings
 * `x509: …` and `tls: failed to parse private key` for a key that still signs for the certificate).
 */
import { deliberateDifferenceOf } from "../../../src/validation/differences";
import type { Problem } from "../../../src/validation/problem";
import { TLS_RULES } from "../../../src/validation/typedContent";
import type { ServerVerdict } from "./server";

/** `exact`: any disagreement fails; `deliberate`: the listed differences are allowed. */
export type Comparison = "exact" | "deliberate";

export interface OurView {
  readonly accepted: boolean;
  readonly problems: readonly Problem[];
}

export type Judgement =
  | { readonly agree: true; readonly allowed: readonly string[]; readonly note?: string }
  | { readonly agree: false; readonly why: string };

/** The note for DER that only Go's parsers refuse. */
export const GO_ONLY_DER_NOTE = "DER only Go's parsers refuse (the API server warns; OpenSSL loads it)";
const GO_PARSE_WARNING = /^(x509: |tls: failed to parse private key$)/;

const PAIR_KEYS = ["tls.crt", "tls.key"];
const isPairProblem = (p: Problem) =>
  p.key !== undefined && PAIR_KEYS.includes(p.key) && Object.values<string>(TLS_RULES).includes(p.rule);

/**
 * Judges one request. `tlsPair`: the Secret is `kubernetes.io/tls`, so the server's warning about
 * the pair must match kubesecret's pair problems.
 */
export function judge(ours: OurView, server: ServerVerdict, comparison: Comparison, tlsPair: boolean): Judgement {
  if (ours.accepted && !server.accepted) {
    return {
      agree: false,
      why: `kubesecret accepted; the API server rejected it (${server.status}: ${server.message})`,
    };
  }
  let note: string | undefined;
  if (tlsPair && server.accepted) {
    const warned = server.warnings.length > 0;
    const reported = ours.problems.some(isPairProblem);
    if (warned && !reported && server.warnings.every((w) => GO_PARSE_WARNING.test(w))) {
      note = GO_ONLY_DER_NOTE;
    } else if (warned !== reported) {
      return {
        agree: false,
        why: warned
          ? `the API server warns that the pair does not load (${server.warnings.join("; ")}); kubesecret reported no tls.crt/tls.key problem`
          : `kubesecret reported ${ours.problems.filter(isPairProblem).map(describeProblem).join("; ")}; the API server loaded the pair without a warning`,
      };
    }
  }
  if (ours.accepted || !server.accepted) return { agree: true, allowed: [], ...(note ? { note } : {}) };
  const uncovered = ours.problems.filter((p) => deliberateDifferenceOf(p) === undefined);
  if (comparison === "exact" || uncovered.length > 0 || ours.problems.length === 0) {
    const listed = (comparison === "exact" ? ours.problems : uncovered).map(describeProblem).join("; ");
    return { agree: false, why: `kubesecret rejected (${listed}); the API server accepted it (${server.status})` };
  }
  const allowed = [...new Set(ours.problems.map((p) => deliberateDifferenceOf(p)!.id))];
  return { agree: true, allowed, ...(note ? { note } : {}) };
}

/** A problem as one line (problems never hold values). */
export function describeProblem(p: Problem): string {
  return `${p.field}${p.key === undefined ? "" : ` (key ${JSON.stringify(p.key)})`}: ${p.rule}`;
}
