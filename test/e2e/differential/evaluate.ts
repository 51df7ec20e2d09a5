/**
 * One case, both sides: kubesecret's component (under mocks) and the API server (dry runs), then
 * the judgement of each request. For a case kubesecret accepts, the Secret sent to the server
 * must be the one the component registered (plus the provider's naming), so the server judges
 * exactly what kubesecret would send.
 */
import { isDeepStrictEqual } from "node:util";
import { SecretType } from "../../../src/validation/types";
import { type Case, type SecretBody, annotationsOf, sentSecret, serverGeneratedSecret, typeOf } from "./case";
import type { Family } from "./families";
import { type Comparison, type TlsCheck, judge } from "./judge";
import type { OurSide, RegisteredSecret } from "./ours";
import type { ServerSide, ServerVerdict } from "./server";
import type { TlsMaterial } from "./tlsMaterial";

export interface Sides {
  readonly ours: OurSide;
  readonly server: ServerSide;
  /** The test's namespace, where every Secret is dry-run created. */
  readonly namespace: string;
  readonly material: readonly TlsMaterial[];
}

export interface Outcome {
  readonly ok: boolean;
  readonly oursAccepted: boolean;
  /** The server's verdict on each request. */
  readonly serverAccepted: readonly boolean[];
  /** Whether the server accepted each request without a warning. */
  readonly serverClean: readonly boolean[];
  /** Deliberate differences that explain a disagreement. */
  readonly allowed: readonly string[];
  /** Known gaps that are noted, not failed (see judge.ts). */
  readonly notes: readonly string[];
  /** What went wrong, without values. */
  readonly failures: readonly string[];
}

interface Request {
  readonly what: string;
  readonly comparison: Comparison;
  readonly tls: TlsCheck;
  readonly ask: () => Promise<ServerVerdict>;
}

let serial = 0;

export async function evaluate(family: Family<unknown>, input: unknown, sides: Sides): Promise<Outcome> {
  const c = family.toCase(input, sides.material);
  serial += 1;
  // No dash: a fresh name never extends a generateName prefix (see childName).
  const name = c.componentName ?? `case${serial}`;
  const sent = sentSecret(c, name, sides.namespace);
  const requests = requestsFor(family, c, sent, sides);
  const [ours, ...server] = await Promise.all([sides.ours(c, name, sides.namespace), ...requests.map((r) => r.ask())]);
  const failures: string[] = [];
  if (ours.accepted) failures.push(...sameAsSent(ours.registered, c, sent));
  const view = { accepted: ours.accepted, problems: ours.accepted ? [] : ours.problems };
  const allowed = new Set<string>();
  const notes = new Set<string>();
  requests.forEach((request, i) => {
    const judgement = judge(view, server[i]!, request.comparison, request.tls);
    if (!judgement.agree) failures.push(`${request.what}: ${judgement.why}`);
    else {
      judgement.allowed.forEach((id) => allowed.add(id));
      if (judgement.note) notes.add(judgement.note);
    }
  });
  return {
    ok: failures.length === 0,
    oursAccepted: ours.accepted,
    serverAccepted: server.map((s) => s.accepted),
    serverClean: server.map((s) => s.accepted && s.warnings.length === 0),
    allowed: [...allowed],
    notes: [...notes],
    failures,
  };
}

function requestsFor(family: Family<unknown>, c: Case, sent: SecretBody, sides: Sides): Request[] {
  const tls: TlsCheck = sent.type !== SecretType.Tls ? "none" : c.damaged ? "damaged pair" : "pair";
  const secret = (what: string, comparison: Comparison, body: SecretBody): Request => ({
    what,
    comparison,
    tls,
    ask: () => sides.server.secret(body),
  });
  switch (family.ask) {
    case "namespace":
      return [
        {
          what: "Namespace of that name",
          comparison: "exact",
          tls: "none",
          ask: () => sides.server.namespace(c.args.namespace ?? ""),
        },
      ];
    case "ownerReferences":
      // The provider creates and updates by server-side apply, which keys the list by uid.
      return [
        { ...secret("Secret as server-side applied", family.comparison, sent), ask: () => sides.server.apply(sent) },
        secret("Secret as created", family.comparison, sent),
      ];
    case "generateName":
      return [
        secret("Secret as the provider names it", "exact", sent),
        secret("Secret with the API server's generateName", "deliberate", serverGeneratedSecret(c, sides.namespace)),
      ];
    case "secret":
      return [secret("Secret as kubesecret sends it", family.comparison, sent)];
  }
}

/** A JSON value as sent: fields left undefined are not sent at all. */
const withoutUndefined = (value: unknown): unknown =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);

/** Differences between what the component registered and the Secret the test sent (its data as sent, not encoded again). */
function sameAsSent(registered: RegisteredSecret, c: Case, sent: SecretBody): string[] {
  const metadata = registered.metadata;
  const checks: [string, unknown, unknown][] = [
    ["metadata.name", metadata["name"], c.args.name],
    ["metadata.namespace", metadata["namespace"], sent.metadata.namespace],
    ["metadata.labels", metadata["labels"], c.args.labels],
    ["metadata.annotations", metadata["annotations"], annotationsOf(c)],
    [
      "metadata.ownerReferences",
      withoutUndefined(metadata["ownerReferences"]),
      withoutUndefined(c.args.ownerReferences),
    ],
    ["type", registered.type, typeOf(c)],
    ["data", registered.data, sent.data],
  ];
  return checks
    .filter(([, actual, expected]) => !isDeepStrictEqual(actual ?? undefined, expected))
    .map(
      ([what]) => `the component registered a different ${what} than the test sent (fix test/e2e/differential/case.ts)`,
    );
}
