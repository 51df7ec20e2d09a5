/** The local cluster's pure parts: command lines, kubeconfig files, file names. No processes. */
import path from "node:path";
import fc from "fast-check";
import type { KubeConfig } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import { beforeAll, describe, expect, it } from "vitest";
import { renderKubeconfig } from "../../tools/cluster/credentials.ts";
import { DEFAULT_CONTROLLERS, apiserverArgs, controllerManagerArgs, etcdArgs } from "../../tools/cluster/flags.ts";
import { type Ports, clusterPaths } from "../../tools/cluster/state.ts";
import { userFileName } from "../../tools/cluster/users.ts";

const dir = "/run/kubesecret-test/cluster";
const paths = clusterPaths(dir);
const ports: Ports = { etcd: 2379, etcdPeer: 2380, apiserver: 6443, controllerManager: 10257 };
const commandLines = {
  etcd: etcdArgs(paths, ports),
  "kube-apiserver": apiserverArgs(paths, ports),
  "kube-controller-manager": controllerManagerArgs(paths, ports, DEFAULT_CONTROLLERS),
};
const flag = (args: string[], name: string) =>
  args.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));

describe.each(Object.entries(commandLines))("%s flags", (_, args) => {
  it("name each flag once", () => {
    const names = args.map((a) => a.split("=")[0]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("listen on and talk to 127.0.0.1 only", () => {
    const hosts = args.flatMap((a) => [...a.matchAll(/\b(\d+\.\d+\.\d+\.\d+)(?::\d+)?(?![\d/])/g)].map((m) => m[1]));
    const urls = args.flatMap((a) => [...a.matchAll(/https?:\/\/([^:/,]+)/g)].map((m) => m[1]));
    expect(new Set([...hosts, ...urls.filter((h) => h !== "kubernetes.default.svc.cluster.local")])).toEqual(
      new Set(["127.0.0.1"]),
    );
  });

  it("keep every file in the state directory", () => {
    const files = args.flatMap((a) => [...a.matchAll(/=(\/[^,]*)/g)].map((m) => m[1]!));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(path.relative(dir, file)).not.toMatch(/^\.\./);
  });
});

describe("kube-apiserver flags", () => {
  const args = commandLines["kube-apiserver"];
  it("authorize with RBAC and authenticate the admin by token and users by the client CA", () => {
    expect(flag(args, "authorization-mode")).toEqual(["RBAC"]);
    expect(flag(args, "token-auth-file")).toEqual([paths.tokens]);
    expect(flag(args, "client-ca-file")).toEqual([paths.clientCaCert]);
  });

  it("use etcd's client port and its own secure port", () => {
    expect(flag(args, "etcd-servers")).toEqual(["http://127.0.0.1:2379"]);
    expect(flag(args, "secure-port")).toEqual(["6443"]);
  });
});

describe("kube-controller-manager flags", () => {
  it("run the controllers for Secrets and for real rollouts by default", () => {
    const controllers = flag(commandLines["kube-controller-manager"], "controllers")[0]!.split(",");
    expect(controllers).toEqual(expect.arrayContaining(["deployment-controller", "replicaset-controller"]));
    expect(controllers).toEqual(
      expect.arrayContaining([
        "serviceaccount-token-controller",
        "namespace-controller",
        "garbage-collector-controller",
      ]),
    );
  });

  it("fail when there is no port for it", () => {
    expect(() => controllerManagerArgs(paths, { ...ports, controllerManager: undefined }, DEFAULT_CONTROLLERS)).toThrow(
      /no port/,
    );
  });

  it("fail when no controller is asked for", () => {
    expect(() => controllerManagerArgs(paths, ports, [])).toThrow(/at least one controller/);
  });
});

describe("renderKubeconfig", () => {
  // @kubernetes/client-node is ESM only: loaded once, here.
  let loadKubeConfigText: (text: string) => KubeConfig;
  beforeAll(async () => {
    const k8s = await import("@kubernetes/client-node");
    loadKubeConfigText = (text) => {
      const kc = new k8s.KubeConfig();
      kc.loadFromString(text);
      return kc;
    };
  });
  const base = {
    server: "https://127.0.0.1:6443",
    caPem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
  };

  it("makes a kubeconfig @kubernetes/client-node reads: server, CA, token, default namespace", () => {
    const kc = loadKubeConfigText(
      renderKubeconfig({ ...base, userName: "kubesecret-admin", credentials: { token: "t0k" } }),
    );
    expect(kc.getCurrentCluster()).toMatchObject({
      server: base.server,
      caData: Buffer.from(base.caPem).toString("base64"),
    });
    expect(kc.getCurrentUser()).toMatchObject({ name: "kubesecret-admin", token: "t0k" });
    expect(kc.getContextObject(kc.getCurrentContext())?.namespace).toBe("default");
  });

  it("carries a client certificate and key for certificate users", () => {
    const credentials = { clientCertificate: "CERT PEM", clientKey: "KEY PEM" };
    const user = loadKubeConfigText(renderKubeconfig({ ...base, userName: "alice", credentials })).getCurrentUser();
    expect(Buffer.from(user!.certData!, "base64").toString()).toBe("CERT PEM");
    expect(Buffer.from(user!.keyData!, "base64").toString()).toBe("KEY PEM");
  });

  it("keeps any user name and namespace exactly (quoted)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (userName, namespace) => {
        const kc = loadKubeConfigText(renderKubeconfig({ ...base, userName, namespace, credentials: { token: "t" } }));
        expect(kc.getCurrentUser()?.name).toBe(userName);
        expect(kc.getContextObject(kc.getCurrentContext())?.namespace).toBe(namespace);
      }),
      { numRuns: 50 },
    );
  });
});

describe("userFileName", () => {
  it("gives distinct names distinct, safe file names", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        fc.pre(a !== b);
        expect(userFileName(a)).not.toBe(userFileName(b));
        expect(userFileName(a)).toMatch(/^[A-Za-z0-9_.-]+\.kubeconfig$/);
      }),
    );
  });
});
