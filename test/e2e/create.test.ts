/**
 * Creating every component class on a real cluster: the live Secret holds exactly what was
 * asked for (type, labels, annotations, `immutable`, data byte for byte), the outputs describe
 * the live object, and nothing changes on later runs — a second `up`, a `preview`, and both
 * again after `pulumi refresh`.
 *
 * All seven classes live in one stack (one `up` creates them together); the tests are per class
 * and read the engine's steps for that class's resources.
 */
import type { OutputMap } from "@pulumi/pulumi/automation";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestStack, createStack, decodeData, findLeaks, importLibrary, useE2E } from "./harness";
import { type ClassCase, type Placement, SERVICE_ACCOUNT_TOKEN_KEYS, classCases } from "./support/classes";
import { SECRET_TYPE, observe, observed, once } from "./support/observe";
import { leakScanText } from "./support/scan";

const e2e = useE2E("create");
const cases = classCases();
/** Secret values found only on the cluster (the service account token), for the leak scan. */
const clusterSecrets: string[] = [];

/** The component's name, its placement (the three naming modes take turns) and its child's name. */
function layout(c: ClassCase, index: number) {
  const slug = c.labels["kubesecret.test/class"]!;
  const component = `create-${slug}`;
  const mode = (["name", "generateName", "neither"] as const)[index % 3]!;
  const placement: Omit<Placement, "namespace"> =
    mode === "name" ? { name: `fixed-${slug}` } : mode === "generateName" ? { generateName: `gen-${slug}-` } : {};
  // The child resource is named after the prefix (without its dash) when generateName is set.
  const child = placement.generateName ? placement.generateName.slice(0, -1) : component;
  const liveName =
    mode === "name"
      ? new RegExp(`^fixed-${slug}$`)
      : new RegExp(`^${mode === "generateName" ? `gen-${slug}` : component}-[0-9a-f]{8}$`);
  return { component, mode, placement, child, liveName };
}

let stack: TestStack;
/** The outputs of the `up` that created everything. */
let created: OutputMap;

beforeAll(async () => {
  const namespace = e2e.namespace;
  stack = await createStack({
    name: "create-all",
    program: async () => {
      const lib = await importLibrary();
      const outputs: Record<string, unknown> = {};
      cases.forEach((c, i) => {
        const { component, placement } = layout(c, i);
        const secret = c.create(lib, component, { namespace, ...placement });
        const { name, uid, resourceVersion, creationTimestamp, type, keys, data } = secret;
        outputs[c.className] = {
          name,
          namespace: secret.namespace,
          uid,
          resourceVersion,
          creationTimestamp,
          type,
          keys,
        };
        outputs[`${c.className}Data`] = data;
      });
      return outputs;
    },
  });
  const up = await stack.up();
  expect(up.summary.result).toBe("succeeded");
  created = up.outputs;
});

interface Described {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  type: string;
  keys: string[];
}
const described = (outputs: OutputMap, c: ClassCase) => outputs[c.className]?.value as Described;

/** The live Secret of a case, found by its label (there must be exactly one). */
async function liveSecretOf(c: ClassCase) {
  const list = await e2e.core.listNamespacedSecret({
    namespace: e2e.namespace,
    labelSelector: `kubesecret.test/class=${c.labels["kubesecret.test/class"]}`,
  });
  expect(list.items.map((s) => s.metadata?.name)).toHaveLength(1);
  return list.items[0]!;
}

/** Whether the token Secret's outputs of the first `up` have no keys (recorded once, for the report). */
function tokenLagged(c: ClassCase): boolean {
  if (c.className !== "ServiceAccountTokenSecret") return false;
  const out = described(created, c);
  if (!tokenObserved) {
    const data = created[`${c.className}Data`]?.value as Record<string, string>;
    observe("ServiceAccountTokenSecret outputs right after up", {
      keys: out.keys,
      dataKeys: Object.keys(data ?? {}).sort(),
      resourceVersion: out.resourceVersion,
    });
    tokenObserved = true;
  }
  return out.keys.length === 0;
}
let tokenObserved = false;

/**
 * The outputs to hold against the live object: those of the first `up`, for every class.
 * pulumi-kubernetes waits for the token controller, so a token Secret's outputs hold its keys
 * or the `up` fails (token-lag.test.ts); keys missing here fail the assertions below.
 */
async function outputsToCheck(c: ClassCase): Promise<OutputMap> {
  tokenLagged(c); // records what the token Secret's outputs held
  return created;
}

function expectBytes(actual: Record<string, Buffer>, expected: Record<string, Buffer>) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [key, bytes] of Object.entries(expected)) {
    const got = actual[key];
    expect(got?.length, `length of ${key}`).toBe(bytes.length);
    expect(got?.equals(bytes), `bytes of ${key}`).toBe(true);
  }
}

describe.each(cases.map((c, i) => ({ ...c, index: i })))("$className: create", (c) => {
  const { mode, liveName } = layout(c, c.index);

  it(`names the Secret by ${mode}`, async () => {
    const live = await liveSecretOf(c);
    expect(live.metadata?.name).toMatch(liveName);
  });

  it("writes the type, labels, annotations and immutable flag it was given", async () => {
    const live = await liveSecretOf(c);
    expect(live.type).toBe(c.type);
    expect(live.metadata?.labels).toEqual(c.labels);
    // Besides the user's and the type's annotations only what the provider and the cluster add:
    // the provider marks a name it generated; server-side apply writes no last-applied-configuration.
    const added: Record<string, string | undefined> = mode === "name" ? {} : { "pulumi.com/autonamed": "true" };
    if (c.className === "ServiceAccountTokenSecret") {
      // The token controller adds the account's uid.
      const account = await e2e.core.readNamespacedServiceAccount({
        namespace: e2e.namespace,
        name: c.typeAnnotations["kubernetes.io/service-account.name"]!,
      });
      added["kubernetes.io/service-account.uid"] = account.metadata?.uid;
    }
    expect(live.metadata?.annotations).toEqual({ ...c.annotations, ...c.typeAnnotations, ...added });
    expect(live.immutable).toBe(c.immutable);
  });

  if (c.expected) {
    const expected = c.expected;
    it("stores every value byte for byte", async () => {
      const live = await liveSecretOf(c);
      expectBytes(decodeData(live.data), expected);
    });
  } else {
    it("gets token, ca.crt and namespace from the token controller", async () => {
      const live = await liveSecretOf(c);
      const data = decodeData(live.data);
      expect(Object.keys(data).sort()).toEqual(SERVICE_ACCOUNT_TOKEN_KEYS);
      expect(data["namespace"]!.toString("utf8")).toBe(e2e.namespace);
      expect(data["ca.crt"]!.toString("utf8")).toContain("-----BEGIN CERTIFICATE-----");
      const token = data["token"]!.toString("utf8");
      clusterSecrets.push(token);
      const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
      expect(claims.sub).toBe(
        `system:serviceaccount:${e2e.namespace}:${c.typeAnnotations["kubernetes.io/service-account.name"]}`,
      );
    });
  }

  it("exposes name, namespace, uid, resourceVersion, creationTimestamp and keys of the live object", async () => {
    const live = await liveSecretOf(c);
    const out = described(await outputsToCheck(c), c);
    expect(out.name).toBe(live.metadata?.name);
    expect(out.namespace).toBe(e2e.namespace);
    expect(out.uid).toBe(live.metadata?.uid);
    expect(new Date(out.creationTimestamp).getTime()).toBe(live.metadata?.creationTimestamp?.getTime());
    expect(out.type).toBe(c.type);
    expect(out.keys).toEqual(Object.keys(live.data ?? {}).sort());
    expect(out.resourceVersion).toBe(live.metadata?.resourceVersion);
  });

  it("exposes the data as a secret output holding the live data", async () => {
    const live = await liveSecretOf(c);
    const data = (await outputsToCheck(c))[`${c.className}Data`];
    expect(data?.secret).toBe(true);
    expect(data?.value).toEqual(live.data ?? {});
  });
});

// ---------------------------------------------------------------- no perpetual diff

/** A preview and an up, both with --expect-no-changes. */
const noChangeRound = async () => ({
  preview: await observed((r) => stack.preview({ expectNoChanges: true, onEvent: r.onEvent })),
  up: await observed((r) => stack.up({ expectNoChanges: true, onEvent: r.onEvent })),
});
const secondRound = once(noChangeRound);
const refreshed = once(async () => {
  const before = await stack.outputs();
  const refresh = await observed((r) => stack.refresh({ onEvent: r.onEvent }));
  const outputsAfterRefresh = await stack.outputs();
  const round = await noChangeRound();
  return { before, refresh, outputsAfterRefresh, ...round, outputsAfterUp: await stack.outputs() };
});

describe.each(cases.map((c, i) => ({ ...c, index: i })))("$className: no perpetual diff", (c) => {
  const { component, child } = layout(c, c.index);

  it("a second up and a preview change nothing and write nothing", async () => {
    const before = await liveSecretOf(c);
    const { preview, up } = await secondRound();
    for (const [op, { steps }] of Object.entries({ preview, up })) {
      expect(steps.opOf(SECRET_TYPE, child), `${op} of the Secret`).toBe("same");
      expect(steps.opOf(`kubesecret:index:${c.className}`, component), `${op} of the component`).toBe("same");
    }
    const after = await liveSecretOf(c);
    expect(after.metadata?.resourceVersion, "no write to the live object").toBe(before.metadata?.resourceVersion);
  });

  it("after pulumi refresh, a preview and an up still change nothing", async () => {
    const { refresh, preview, up, outputsAfterUp } = await refreshed();
    expect(refresh.error).toBeUndefined();
    expect(refresh.changes, "refresh found no drift").toEqual({ same: expect.any(Number) });
    expect(refresh.steps.opOf(SECRET_TYPE, child)).toBe("refresh");
    for (const [op, { steps }] of Object.entries({ preview, up })) {
      expect(steps.opOf(SECRET_TYPE, child), `${op} of the Secret`).toBe("same");
      expect(steps.opOf(`kubesecret:index:${c.className}`, component), `${op} of the component`).toBe("same");
    }
    const live = await liveSecretOf(c);
    const out = described(outputsAfterUp, c);
    expect(out.resourceVersion).toBe(live.metadata?.resourceVersion);
    expect(out.keys).toEqual(Object.keys(live.data ?? {}).sort());
  });
});

describe("the whole stack", () => {
  it("passes --expect-no-changes on a second preview and up, and again after refresh", async () => {
    const second = await secondRound();
    const afterRefresh = await refreshed();
    for (const [what, result] of Object.entries({
      "second preview": second.preview,
      "second up": second.up,
      "preview after refresh": afterRefresh.preview,
      "up after refresh": afterRefresh.up,
    })) {
      expect(result.error, `${what}: ${result.steps.summary().join(", ")}`).toBeUndefined();
    }
  });

  it("keeps the stack outputs through a refresh (it runs no program); the next up reads the refreshed state", async () => {
    const { before, outputsAfterRefresh, outputsAfterUp } = await refreshed();
    expect(outputsAfterRefresh).toEqual(before);
    for (const c of cases) {
      const live = await liveSecretOf(c);
      expect(described(outputsAfterUp, c).resourceVersion).toBe(live.metadata?.resourceVersion);
    }
  });

  it("brings the token Secret's state to the live resourceVersion on refresh", async () => {
    const sa = cases.find((c) => c.className === "ServiceAccountTokenSecret")!;
    await refreshed();
    type StateResource = {
      type: string;
      urn: string;
      inputs: object;
      outputs: { metadata: { resourceVersion: string } };
    };
    const resources: StateResource[] = stack.state().checkpoint.latest.resources;
    const child = resources.find((r) => r.type === SECRET_TYPE && r.urn.includes("ServiceAccountTokenSecret"))!;
    const live = await liveSecretOf(sa);
    expect(child.outputs.metadata.resourceVersion).toBe(live.metadata?.resourceVersion);
    observe("ServiceAccountTokenSecret child state after refresh", {
      inputKeys: Object.keys(child.inputs).sort(),
      outputResourceVersion: child.outputs.metadata.resourceVersion,
    });
  });
});

describe("secrecy", () => {
  it("printed and stored no secret value in any operation of this file", () => {
    const values = [...cases.flatMap((c) => c.secrets), ...clusterSecrets];
    expect(values.length).toBeGreaterThan(10);
    const { text, stateFiles } = leakScanText([stack]);
    expect(stateFiles).toBeGreaterThanOrEqual(4);
    expect(findLeaks(text, values)).toEqual([]);
  });
});
