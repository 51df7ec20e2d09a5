/**
 * `writeOnly: true` when things go wrong, with the real CLI, engine,
 * dynamic-provider host and API server: a name taken by an object this component did not write,
 * the API server down, RBAC forbidding, a missing namespace, admission rejecting (a
 * ValidatingAdmissionPolicy: real admission, CEL instead of a webhook server; GA since
 * Kubernetes 1.30), and the pulumi CLI interrupted (SIGINT) or killed (SIGKILL) mid-way. Each
 * time: the up fails with a message that names where and why but holds no value, the state
 * records nothing that did not happen, and the next up (once the cause is gone) converges.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../tools/cluster/index.ts";
import { type TestStack, decodeData, findLeaks, kube, libraryStack, readSecret } from "./harness";
import { useBuiltLibraryE2E } from "./support/builtLibrary";
import { type ApiServerControl, apiServerControl, pendingOperations } from "./support/faults";
import { useExtraNamespaces } from "./support/extraNamespaces";
import { interruptedUpScenario } from "./support/writeOnlyInterrupt";
import { failedUp, writeOnlyInState } from "./support/writeOnly";

// useE2E points KUBECONFIG at the cluster: the program's own client follows it, as the default provider does.
const { e2e, fresh } = useBuiltLibraryE2E("wo-faults");
const ctx = e2e.context;
const ownCluster = process.env.KUBESECRET_E2E_KUBECONFIG === undefined;
let apiServer: ApiServerControl | undefined;

beforeAll(async () => {
  apiServer = await apiServerControl(ctx.kubeconfigPath);
}, 300_000);
afterEach(async () => {
  await apiServer?.ensureUp();
});
const extraNamespace = useExtraNamespaces(e2e);

/** A stack of one write-only Secret `{ token: value() }`, read from the closure at every run. */
function oneSecret(label: string, args: { namespace: string; name?: string }, value: () => string) {
  return libraryStack(label, (lib) => {
    const secret = new lib.Secret("wo", { ...args, writeOnly: true, stringData: { token: value() } });
    return { name: secret.name, uid: secret.uid };
  });
}

/** After a successful up: the one object exists with `value`, and the state holds exactly it. */
async function expectConverged(stack: TestStack, namespace: string, name: string, value: string) {
  const live = await readSecret(e2e.core, namespace, name);
  expect(decodeData(live?.data)["token"]?.toString()).toBe(value);
  expect(writeOnlyInState(stack).map((r) => [r.id, r.uid])).toEqual([[`${namespace}/${name}`, live!.metadata!.uid]]);
  expect(pendingOperations(stack)).toEqual([]);
}

/** A failed up's message: names the namespace (and more, per case), holds none of the values. */
function expectValueFree(message: string, values: string[], ...mentions: RegExp[]) {
  const line = message
    .split("\n")
    .filter((l) => l.includes('kubesecret:index:Secret "'))
    .pop();
  console.log(`[wo-faults] ${expect.getState().currentTestName}:\n  ${line?.trim()}`);
  expect(findLeaks(message, values), message).toEqual([]);
  for (const mention of mentions) expect(message).toMatch(mention);
}

describe("a name taken by a Secret this component did not write", () => {
  it("fails naming namespace and name, and leaves the object and the state as they were", async () => {
    const namespace = e2e.namespace;
    const theirs = fresh("theirs");
    const existing = await e2e.core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: "taken" }, stringData: { token: theirs, other: theirs } },
    });
    const ours = fresh("ours");
    const stack = await oneSecret("taken", { namespace, name: "taken" }, () => ours);
    const message = await failedUp(stack);
    expectValueFree(message, [ours, theirs], /"taken"/, new RegExp(`"${namespace}"`), /already exists/);
    const after = await readSecret(e2e.core, namespace, "taken");
    expect(after!.metadata!.uid).toBe(existing.metadata!.uid);
    expect(after!.metadata!.resourceVersion).toBe(existing.metadata!.resourceVersion);
    expect(after!.data).toEqual(existing.data);
    expect(after!.metadata!.labels ?? {}).toEqual(existing.metadata!.labels ?? {});
    expect(writeOnlyInState(stack)).toEqual([]);
    expect(pendingOperations(stack)).toEqual([]);
    await stack.destroy();
    expect((await readSecret(e2e.core, namespace, "taken"))!.metadata!.uid).toBe(existing.metadata!.uid);
  });
});

describe("a write that fails", () => {
  it.runIf(ownCluster)("API server down: fails value-free, records nothing, converges once it is back", async () => {
    const namespace = e2e.namespace;
    const value = fresh("down");
    const stack = await oneSecret("down", { namespace, name: "down" }, () => value);
    await apiServer!.stop({ signal: "SIGKILL" });
    const message = await failedUp(stack);
    await apiServer!.start();
    expectValueFree(message, [value], new RegExp(`"${namespace}"`), /could not be reached \(ECONNREFUSED\)/);
    expect(writeOnlyInState(stack)).toEqual([]);
    expect(await readSecret(e2e.core, namespace, "down")).toBeUndefined();
    await stack.up();
    await expectConverged(stack, namespace, "down", value);
  });

  it("namespace missing: fails value-free naming it, records nothing, converges once it exists", async () => {
    const namespace = `wo-missing-${ctx.runId}`;
    const value = fresh("missing");
    const stack = await oneSecret("missing", { namespace, name: "missing" }, () => value);
    const message = await failedUp(stack);
    expectValueFree(message, [value], new RegExp(`namespaces "${namespace}" not found`));
    expect(writeOnlyInState(stack)).toEqual([]);
    await extraNamespace(namespace);
    await stack.up();
    await expectConverged(stack, namespace, "missing", value);
  });

  it.runIf(ownCluster)(
    "RBAC forbids create, then update: each up fails value-free; state keeps what happened",
    async () => {
      const namespace = await extraNamespace(`wo-rbac-${ctx.runId}`);
      const user = await addUser(ctx.clusterDir!, { name: `wo-deployer-${ctx.runId}` });
      const { RbacAuthorizationV1Api, KubeConfig } = await kube();
      const kc = new KubeConfig();
      kc.loadFromFile(ctx.kubeconfigPath);
      const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
      const grant = async (verbs: string[]) => {
        const body = { metadata: { name: "deployer" }, rules: [{ apiGroups: [""], resources: ["secrets"], verbs }] };
        await rbac.deleteNamespacedRole({ namespace, name: "deployer" }).catch(() => undefined);
        await rbac.createNamespacedRole({ namespace, body });
      };
      await grant(["get", "list"]);
      await rbac.createNamespacedRoleBinding({
        namespace,
        body: {
          metadata: { name: "deployer" },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "deployer" },
          subjects: [{ kind: "User", name: user.name, apiGroup: "rbac.authorization.k8s.io" }],
        },
      });
      let value = fresh("rbac");
      const stack = await oneSecret("rbac", { namespace, name: "rbac" }, () => value);
      await stack.setConfig({ "kubernetes:kubeconfig": { value: user.kubeconfigPath } });

      // No right to create: the namespace's fingerprint key cannot be made; nothing is written.
      const createMessage = await failedUp(stack);
      expectValueFree(
        createMessage,
        [value],
        /403 Forbidden/,
        /cannot create resource "secrets"/,
        new RegExp(namespace),
      );
      expect(writeOnlyInState(stack)).toEqual([]);
      expect((await e2e.core.listNamespacedSecret({ namespace })).items).toEqual([]);
      await grant(["get", "list", "create"]);
      await stack.up();
      await expectConverged(stack, namespace, "rbac", value);

      // No right to update: the hook's write is refused; the state keeps the written data's fingerprints.
      const before = writeOnlyInState(stack);
      const written = value;
      value = fresh("rbac2");
      const updateMessage = await failedUp(stack);
      expectValueFree(updateMessage, [value, written], /403 Forbidden/, /cannot update resource "secrets"/);
      expect(writeOnlyInState(stack)).toEqual(before);
      await expectConverged(stack, namespace, "rbac", written);
      await grant(["get", "list", "create", "update", "delete"]);
      await stack.up();
      await expectConverged(stack, namespace, "rbac", value);
      await stack.destroy();
      expect(await readSecret(e2e.core, namespace, "rbac")).toBeUndefined();
    },
  );

  it("admission rejects (ValidatingAdmissionPolicy quoting the value): fails value-free, state unchanged, converges", async () => {
    const namespace = e2e.namespace;
    const { AdmissionregistrationV1Api, KubeConfig } = await kube();
    const kc = new KubeConfig();
    kc.loadFromFile(ctx.kubeconfigPath);
    const admission = kc.makeApiClient(AdmissionregistrationV1Api);
    const policy = `wo-reject-${ctx.runId}`;
    // Rejects a `token` starting with "rejected-" and quotes the value in its message, as a
    // careless webhook might. CEL sees a Secret's data as the base64 text ("rejected-" is
    // "cmVqZWN0ZWQt"), and Kubernetes' CEL has no base64 decoding.
    await admission.createValidatingAdmissionPolicy({
      body: {
        metadata: { name: policy },
        spec: {
          failurePolicy: "Fail",
          matchConstraints: {
            resourceRules: [
              { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["secrets"] },
            ],
          },
          validations: [
            {
              expression:
                "!has(object.data) || !('token' in object.data) || !string(object.data['token']).startsWith('cmVqZWN0ZWQt')",
              messageExpression: "'token refused: ' + string(object.data['token'])",
            },
          ],
        },
      },
    });
    const binding = {
      metadata: { name: policy },
      spec: {
        policyName: policy,
        validationActions: ["Deny"],
        matchResources: { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } },
      },
    };
    await admission.createValidatingAdmissionPolicyBinding({ body: binding });
    try {
      let value = fresh("accepted");
      const stack = await oneSecret("admission", { namespace, name: "admitted" }, () => value);
      await stack.up();
      await expectConverged(stack, namespace, "admitted", value);
      await waitUntilRejected(namespace);

      const before = writeOnlyInState(stack);
      const rv = (await readSecret(e2e.core, namespace, "admitted"))!.metadata!.resourceVersion;
      const written = value;
      value = fresh("rejected");
      const message = await failedUp(stack);
      expectValueFree(message, [value, written], /token refused: \[redacted\]/, /"admitted"/);
      expect(writeOnlyInState(stack)).toEqual(before);
      expect((await readSecret(e2e.core, namespace, "admitted"))!.metadata!.resourceVersion).toBe(rv);

      await admission.deleteValidatingAdmissionPolicyBinding({ name: policy });
      // The API server drops the binding from its cache a moment later.
      await waitUntilRejected(namespace, false);
      await stack.up();
      await expectConverged(stack, namespace, "admitted", value);
    } finally {
      await admission.deleteValidatingAdmissionPolicyBinding({ name: policy }).catch(() => undefined);
      await admission.deleteValidatingAdmissionPolicy({ name: policy });
    }
  });
});

/** The policy takes effect a moment after it is made: probe with a server-side dry run. */
/** Until a dry-run create of a value the policy refuses is refused (or, `false`, accepted again). */
async function waitUntilRejected(namespace: string, rejected = true): Promise<void> {
  const body = { metadata: { name: "probe" }, data: { token: Buffer.from("rejected-probe").toString("base64") } };
  for (let i = 0; i < 100; i++) {
    const refused = await e2e.core.createNamespacedSecret({ namespace, body, dryRun: "All" }).then(
      () => false,
      () => true,
    );
    if (refused === rejected) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the ValidatingAdmissionPolicy's ${rejected ? "binding" : "removal"} never took effect`);
}

describe.each(["SIGINT", "SIGKILL"] as const)("the pulumi CLI gets %s in the middle of an up", (signal) => {
  it("loses nothing; the next up takes over what the interrupted creates wrote, and converges", async () => {
    await interruptedUpScenario(e2e, signal);
  });
});
