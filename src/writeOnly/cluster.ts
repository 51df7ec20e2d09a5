/**
 * Which cluster a write-only Secret is written to: the one its Kubernetes provider talks to. The
 * settings are read from the provider (or, for the default provider, from stack config and the
 * environment) in the program, and stored with the resource (encrypted when they hold a
 * kubeconfig's text), so that refresh and destroy, which run without the program, reach the
 * same cluster. Loaded the way pulumi-kubernetes loads them: text or path, context, namespace.
 */
import fs from "node:fs";
import path from "node:path";
import type { CoreV1Api, KubeConfig, RequestContext } from "@kubernetes/client-node" with {
  "resolution-mode": "import",
};

/** The provider settings that decide the cluster and the default namespace. */
export interface ClusterSettings {
  /** A kubeconfig's text or path; unset: the default loading rules (`KUBECONFIG`, ~/.kube/config). */
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
}

/** A client for the cluster, and the namespace a Secret without one goes to. */
export interface Cluster {
  readonly core: CoreV1Api;
  readonly defaultNamespace: string;
}

const clientNode = () => import("@kubernetes/client-node");

/**
 * Whether a kubeconfig setting is a path (or a `KUBECONFIG`-style list of paths) rather than
 * the file's text: text has a line break or starts like YAML or JSON.
 */
function isPathSetting(setting: string): boolean {
  return !/[\r\n]/.test(setting) && !/^\s*[{[]|^\s*apiVersion\s*:/.test(setting);
}

/** Connects as the provider would; throws a value-free error when the settings do not load. */
export async function connect(settings: ClusterSettings): Promise<Cluster> {
  const { KubeConfig: Config, CoreV1Api: Api } = await clientNode();
  const kc: KubeConfig = new Config();
  const setting = settings.kubeconfig;
  if (setting === undefined || setting === "") kc.loadFromDefault();
  else if (isPathSetting(setting)) loadPaths(kc, setting);
  else kc.loadFromString(setting);
  if (settings.context !== undefined && settings.context !== "") {
    if (kc.getContextObject(settings.context) === null) {
      throw new Error(`the kubeconfig has no context named "${settings.context}"`);
    }
    kc.setCurrentContext(settings.context);
  }
  if (kc.getCurrentCluster() === null) throw new Error("the kubeconfig names no cluster for its current context");
  const contextNamespace = kc.getContextObject(kc.getCurrentContext())?.namespace;
  return {
    core: await pooledClient(kc, Api),
    defaultNamespace: settings.namespace || contextNamespace || "default",
  };
}

/**
 * A client whose requests share one connection pool. The kubeconfig's own client (`makeApiClient`)
 * gives each request a dispatcher of its own, so each request opened a TLS connection: a
 * handshake per Secret written or read, in this process and in the API server.
 */
async function pooledClient(kc: KubeConfig, Api: typeof CoreV1Api): Promise<CoreV1Api> {
  const { createConfiguration, ServerConfiguration, setHeaderMiddleware } = await clientNode();
  let shared: ReturnType<RequestContext["getDispatcher"]>;
  const authentication = {
    getName: () => "kubeconfig authentication, one connection pool",
    async applySecurityAuthentication(context: RequestContext) {
      // Headers (tokens, exec and OIDC credentials) are still applied to every request.
      await kc.applySecurityAuthentication(context);
      const dispatcher = context.getDispatcher();
      if (dispatcher !== undefined) context.setDispatcher((shared ??= dispatcher));
    },
  };
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(kc.getCurrentCluster()!.server, {}),
    authMethods: { default: authentication },
    middleware: [setHeaderMiddleware("User-Agent", "kubesecret")],
  });
  return new Api(configuration);
}

/** One path, or several separated as in `KUBECONFIG`: the first that exists, as kubectl merges them. */
function loadPaths(kc: KubeConfig, setting: string): void {
  const paths = setting.split(path.delimiter).filter((p) => p !== "");
  const existing = paths.map(expandHome).filter((p) => fs.existsSync(p));
  if (existing.length === 0) throw new Error("the kubeconfig path given to the provider does not exist");
  if (existing.length === 1) return kc.loadFromFile(existing[0]!);
  // Several files: the client's default loader merges the KUBECONFIG list.
  const saved = process.env["KUBECONFIG"];
  process.env["KUBECONFIG"] = existing.join(path.delimiter);
  try {
    kc.loadFromDefault();
  } finally {
    if (saved === undefined) delete process.env["KUBECONFIG"];
    else process.env["KUBECONFIG"] = saved;
  }
}

function expandHome(p: string): string {
  return p.startsWith("~/") ? path.join(process.env["HOME"] ?? "", p.slice(2)) : p;
}
