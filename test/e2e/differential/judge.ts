/**
 * Whether kubesecret and the API server agree on one request. A disagreement is allowed only
 * when the comparison permits deliberate differences, kubesecret rejected, the server accepted,
 * and every problem kubesecret reported is one of DELIBERATE_DIFFERENCES.
 *
 * For `kubernetes.io/tls` Secrets the server's warning is compared too: it warns when Go's
 * crypto/tls cannot load the pair, and kubesecret must report a `tls.crt` or `tls.key` problem
 * exactly then. One known gap is noted rather than failed, and only for deliberately damaged DER
 * (a changed character): kubesecret parses with OpenSSL, and OpenSSL and Go's parsers each load
 * some damaged DER the other refuses.
 */
import { deliberateDifferenceOf } from "../../support/differences";
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

/** What a TLS request is checked for beyond the verdict. */
export type TlsCheck = "none" | "pair" | "damaged pair";

/** The notes for damaged DER that one parser loads and the other refuses. */
export const GO_ONLY_DER_NOTE = "damaged DER only Go refuses (the API server warns; kubesecret accepts)";
export const OPENSSL_ONLY_DER_NOTE = "damaged DER only OpenSSL refuses (kubesecret rejects; the API server loads it)";
const GO_PARSE_WARNING = /^(x509: |tls: failed to parse private key$)/;
const PARSE_RULES: readonly string[] = [TLS_RULES.certificate, TLS_RULES.privateKey];

const PAIR_KEYS = ["tls.crt", "tls.key"];
const isPairProblem = (p: Problem) =>
  p.key !== undefined && PAIR_KEYS.includes(p.key) && Object.values<string>(TLS_RULES).includes(p.rule);

/**
 * Judges one request. `tls`: for a `kubernetes.io/tls` Secret, the server's warning about the
 * pair must match kubesecret's pair problems (`damaged pair`: up to the parser gap).
 */
export function judge(ours: OurView, server: ServerVerdict, comparison: Comparison, tls: TlsCheck): Judgement {
  if (ours.accepted && !server.accepted) {
    return {
      agree: false,
      why: `kubesecret accepted; the API server rejected it (${server.status}: ${server.message})`,
    };
  }
  const pair = tls === "none" || !server.accepted ? {} : judgePair(ours, server, tls === "damaged pair");
  if (pair.why !== undefined) return { agree: false, why: pair.why };
  const note = pair.note === undefined ? {} : { note: pair.note };
  if (ours.accepted || !server.accepted) return { agree: true, allowed: [], ...note };
  const uncovered = ours.problems.filter((p) => deliberateDifferenceOf(p) === undefined);
  if (comparison === "exact" || uncovered.length > 0 || ours.problems.length === 0) {
    const listed = (comparison === "exact" ? ours.problems : uncovered).map(describeProblem).join("; ");
    return { agree: false, why: `kubesecret rejected (${listed}); the API server accepted it (${server.status})` };
  }
  const allowed = [...new Set(ours.problems.map((p) => deliberateDifferenceOf(p)!.id))];
  return { agree: true, allowed, ...note };
}

/** kubesecret's pair problems against the server's warning on a Secret it accepted. */
function judgePair(ours: OurView, server: ServerVerdict, damaged: boolean): { why?: string; note?: string } {
  const warned = server.warnings.length > 0;
  const reported = ours.problems.filter(isPairProblem);
  if (warned && reported.length === 0) {
    if (damaged && server.warnings.every((w) => GO_PARSE_WARNING.test(w))) return { note: GO_ONLY_DER_NOTE };
    return {
      why: `the API server warns that the pair does not load (${server.warnings.join("; ")}); kubesecret reported no tls.crt/tls.key problem`,
    };
  }
  if (!warned && reported.length > 0) {
    if (damaged && reported.every((p) => PARSE_RULES.includes(p.rule))) return { note: OPENSSL_ONLY_DER_NOTE };
    return {
      why: `kubesecret reported ${reported.map(describeProblem).join("; ")}; the API server loaded the pair without a warning`,
    };
  }
  return {};
}

/** A problem as one line (problems never hold values). */
export function describeProblem(p: Problem): string {
  return `${p.field}${p.key === undefined ? "" : ` (key ${JSON.stringify(p.key)})`}: ${p.rule}`;
}
