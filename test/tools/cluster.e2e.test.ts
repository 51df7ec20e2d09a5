/**
 * The local cluster tools against the real binaries, in a state directory of their own (the
 * e2e run's shared cluster is left alone): the CLI life cycle, what the controller manager does
 * (token Secrets, garbage collection, namespace deletion, Deployment rollouts), users with chosen
 * groups getting exactly their RBAC, kube-apiserver stopped and restarted, stale state, stop.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AppsV1Api, AuthenticationV1Api, CoreV1Api, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { afterAll, describe, expect, it } from "vitest";
import { addUser, clusterStatus, startApiServer, stopApiServer, stopCluster } from "../../tools/cluster/index.ts";
import { isNotFound, loadKubeConfig } from "../../tools/kube.ts";
import { isAlive } from "../../tools/process.ts";
import { REPO_ROOT } from "../../tools/repo.ts";
import { eventually } from "../../tools/wait.ts";

const dir = path.join(os.tmpdir(), `kubesecret-cluster-test-${process.pid}`);
const cliPath = path.join(REPO_ROOT, "tools", "cli", "cluster.ts");
const timings: Record<string, number> = {};

/** `npm run cluster -- <args>` for this test's state directory. */
function cli(...args: string[]) {
  const t = Date.now();
  const env = { ...process.env, KUBESECRET_CLUSTER_DIR: dir };
  const r = spawnSync(process.execPath, [cliPath, ...args], { env, encoding: "utf8" });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout, ms: Date.now() - t };
}

const adminToken = () => fs.readFileSync(path.join(dir, "tokens.csv"), "utf8").split(",")[0]!;
const gone = async (read: () => Promise<unknown>) => {
  try {
    await read();
    return false;
  } catch (err) {
    if (isNotFound(err)) return true;
    throw err;
  }
};
/** The HTTP status a client call ends with (200 when it succeeds). */
const statusOf = (call: Promise<unknown>) =>
  call.then(
    () => 200,
    (err: { code?: number }) => err.code ?? 0,
  );

afterAll(async () => {
  await stopCluster({ dir, log: false });
  console.log(`cluster tool timings (ms): ${JSON.stringify(timings)}`);
});

describe("the local cluster", () => {
  let kubeconfigPath = "";
  const admin = () => loadKubeConfig(kubeconfigPath);

  it("status says stopped (exit 3) and stop is harmless before anything started", () => {
    expect(cli("status").code).toBe(3);
    expect(cli("stop").code).toBe(0);
  });

  it("starts from the CLI, printing the kubeconfig path but never the admin token", () => {
    const r = cli("start");
    timings.firstStart = r.ms;
    expect(r.code, r.out).toBe(0);
    kubeconfigPath = path.join(dir, "kubeconfig");
    expect(r.out).toContain(kubeconfigPath);
    expect(adminToken().length).toBeGreaterThanOrEqual(32);
    expect(r.out).not.toContain(adminToken());
    expect(fs.statSync(kubeconfigPath).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("start again reuses it; status and env describe it", async () => {
    const again = cli("start");
    expect([again.code, again.out]).toEqual([0, expect.stringMatching(/already running/)]);
    const status = cli("status");
    expect(status.code).toBe(0);
    expect(status.out).toContain(kubeconfigPath);
    expect(status.out).not.toContain(adminToken());
    expect(cli("env").stdout.trim()).toBe(`export KUBECONFIG='${kubeconfigPath}'`);
    const st = await clusterStatus({ dir });
    expect(st.running).toBe(true);
    expect(new URL(st.server!).hostname).toBe("127.0.0.1");
    expect(Object.keys(st.ports!).sort()).toEqual(["apiserver", "controllerManager", "etcd", "etcdPeer"]);
  });

  it("garbage-collects, fills token Secrets and deletes namespaces (controller manager)", async () => {
    const core = admin().makeApiClient(CoreV1Api);
    const namespace = "tools-gc";
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    const secret = await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: "s" }, stringData: { k: "v" } },
    });
    const owner = { apiVersion: "v1", kind: "Secret", name: "s", uid: secret.metadata!.uid! };
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: "owned", ownerReferences: [owner] } },
    });
    await core.deleteNamespacedSecret({ name: "s", namespace });
    await eventually("owned ConfigMap collected", () =>
      gone(() => core.readNamespacedConfigMap({ name: "owned", namespace })),
    );

    await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: "robot" } } });
    const annotations = { "kubernetes.io/service-account.name": "robot" };
    const body = { metadata: { name: "robot-token", annotations }, type: "kubernetes.io/service-account-token" };
    await core.createNamespacedSecret({ namespace, body });
    const filled = await eventually("token Secret filled", async () => {
      const s = await core.readNamespacedSecret({ name: "robot-token", namespace });
      return s.data?.token && s.data["ca.crt"] ? s : undefined;
    });
    const robot = admin();
    robot.loadFromOptions({
      clusters: robot.clusters,
      users: [{ name: "robot", token: Buffer.from(filled.data!.token!, "base64").toString() }],
      contexts: [{ name: "robot", cluster: robot.getCurrentCluster()!.name, user: "robot" }],
      currentContext: "robot",
    });
    const review = await robot.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: {} });
    expect(review.status?.userInfo?.username).toBe(`system:serviceaccount:${namespace}:robot`);

    await core.deleteNamespace({ name: namespace });
    await eventually("namespace deleted", () => gone(() => core.readNamespace({ name: namespace })));
  });

  it("rolls a Deployment out: a pod-template change makes a new ReplicaSet (deployment and replicaset controllers)", async () => {
    const apps = admin().makeApiClient(AppsV1Api);
    const namespace = "default";
    const labels = { app: "roll" };
    const template = (value: string) => ({
      metadata: { labels },
      spec: { containers: [{ name: "c", image: "registry.invalid/app:1", env: [{ name: "V", value }] }] },
    });
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: "roll" },
        spec: { replicas: 1, selector: { matchLabels: labels }, template: template("1") },
      },
    });
    const replicaSets = () =>
      apps.listNamespacedReplicaSet({ namespace, labelSelector: "app=roll" }).then((l) => l.items);
    await eventually("the first ReplicaSet", async () => (await replicaSets()).length === 1);
    await apps.patchNamespacedDeployment({
      name: "roll",
      namespace,
      body: [{ op: "replace", path: "/spec/template/spec/containers/0/env/0/value", value: "2" }],
    });
    const after = await eventually("a second ReplicaSet", async () =>
      (await replicaSets()).length === 2 ? replicaSets() : undefined,
    );
    const revisions = after.map((rs) => rs.metadata?.annotations?.["deployment.kubernetes.io/revision"]).sort();
    expect(revisions).toEqual(["1", "2"]);
  });

  it("adds users whose groups get exactly their RBAC: view may read Deployments, not Secrets", async () => {
    const rbac = admin().makeApiClient(RbacAuthorizationV1Api);
    const group = "kubesecret:viewers";
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: "tools-viewers" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: group }],
      },
    });
    const viewer = await addUser(dir, { name: "alice", groups: [group, "team-a"] });
    expect(fs.statSync(viewer.kubeconfigPath).mode & 0o777).toBe(0o600);
    const kc = loadKubeConfig(viewer.kubeconfigPath);
    const review = await kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: {} });
    expect(review.status?.userInfo?.username).toBe("alice");
    expect(review.status?.userInfo?.groups?.sort()).toEqual([group, "system:authenticated", "team-a"]);
    // RBAC takes a moment to see a new binding.
    const apps = kc.makeApiClient(AppsV1Api);
    await eventually(
      "the binding applies",
      async () => (await statusOf(apps.listNamespacedDeployment({ namespace: "default" }))) === 200,
    );
    expect(await statusOf(kc.makeApiClient(CoreV1Api).listNamespacedSecret({ namespace: "default" }))).toBe(403);

    // A user from the CLI, in no bound group, may do neither.
    const r = cli("user", "bob", "team-b");
    expect(r.code, r.out).toBe(0);
    const bob = loadKubeConfig(r.stdout.trim());
    expect(await statusOf(bob.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: "default" }))).toBe(403);
    expect(await statusOf(bob.makeApiClient(CoreV1Api).listNamespacedSecret({ namespace: "default" }))).toBe(403);
  });

  it.each(["SIGTERM", "SIGKILL"] as const)(
    "stops only kube-apiserver (%s) and brings it back on the same port with the same data",
    async (signal) => {
      const before = await clusterStatus({ dir });
      const core = admin().makeApiClient(CoreV1Api);
      const stopped = await stopApiServer({ dir, signal, log: false });
      expect(stopped.stopped).toBe(true);
      expect(await statusOf(core.listNamespace())).toBe(0); // connection refused, no HTTP status
      const after = await clusterStatus({ dir });
      expect([after.running, after.dead]).toEqual([false, ["apiserver"]]);
      const restarted = await startApiServer({ dir, log: false });
      timings[`apiserverRestart${signal}`] = restarted.startMs;
      expect(restarted.restarted).toEqual(["kube-apiserver"]);
      expect(restarted.server).toBe(before.server);
      expect(restarted.pids.etcd).toBe(before.pids!.etcd);
      expect((await core.readNamespace({ name: "default" })).metadata?.name).toBe("default");
      const alice = loadKubeConfig(
        path.join(
          dir,
          "users",
          fs.readdirSync(path.join(dir, "users")).find((f) => f.startsWith("alice"))!,
        ),
      );
      expect(await statusOf(alice.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: "default" }))).toBe(
        200,
      );
    },
  );

  it("starts again over stale state (every process killed), with fresh processes", async () => {
    const before = await clusterStatus({ dir });
    for (const pid of Object.values(before.pids!)) process.kill(pid, "SIGKILL");
    await eventually("the processes are gone", async () => (await clusterStatus({ dir })).dead.length === 3);
    const status = cli("status");
    expect([status.code, status.out]).toEqual([3, expect.stringMatching(/stale/)]);
    const r = cli("start");
    timings.startOverStale = r.ms;
    expect([r.code, r.out]).toEqual([0, expect.stringMatching(/stale/)]);
    const after = await clusterStatus({ dir });
    expect(after.running).toBe(true);
    expect(Object.values(after.pids!).filter((p) => Object.values(before.pids!).includes(p))).toEqual([]);
  });

  it("stops: processes gone, directory removed; stop again is harmless", async () => {
    const { pids } = await clusterStatus({ dir });
    const r = cli("stop");
    timings.stop = r.ms;
    expect(r.code).toBe(0);
    expect(fs.existsSync(dir)).toBe(false);
    for (const pid of Object.values(pids!)) expect(isAlive(pid)).toBe(false);
    expect(cli("stop").code).toBe(0);
    expect(cli("status").code).toBe(3);
  });
});
