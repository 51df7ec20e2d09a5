/**
 * The API server's verdict: a server-side dry run (`dryRun=All`) through @kubernetes/client-node,
 * which runs decoding, admission and validation and persists nothing. A Secret is created in the
 * test's namespace; a namespace name is checked by creating a Namespace of that name.
 *
 * client-node makes a new connection pool (and TLS handshake) for every request; the middleware
 * below hands every request one shared pool instead, which keeps connections alive and makes a
 * dry run cost about a millisecond instead of several. Large bodies go over HTTP/1.1 connections
 * of their own: a dozen 1.4 MB uploads multiplexed on one HTTP/2 connection crawl through its flow
 * control windows and, under load, get streams reset by the server. The middleware also asks for
 * the created object's metadata only (`as=PartialObjectMetadata`): the verdict is the status and
 * the warnings, and echoing a 1 MiB Secret back would double the cost of the size cases.
 */
import type { CoreV1Api, ObservableMiddleware, RequestContext, V1Secret } from "@kubernetes/client-node" with {
  "resolution-mode": "import",
};
import { kube } from "../harness";
import type { SecretBody } from "./case";

export interface ServerVerdict {
  readonly accepted: boolean;
  /** The HTTP status of the create. */
  readonly status: number;
  /** The server's reasons for a rejection, without anything quoted from Secret data. */
  readonly message?: string;
  /** Warning headers of an accepted create (for Secrets: `kubernetes.io/tls` pairs that do not load). */
  readonly warnings: readonly string[];
}

export interface ServerSide {
  secret(body: SecretBody): Promise<ServerVerdict>;
  /** The Secret as server-side apply (a dry run, forced) sends it. */
  apply(body: SecretBody): Promise<ServerVerdict>;
  namespace(name: string): Promise<ServerVerdict>;
}

const METADATA_ONLY = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";
/** Bodies longer than this (the size cases) go over HTTP/1.1. */
const LARGE_BODY = 64 * 1024;

type Dispatcher = NonNullable<ReturnType<RequestContext["getDispatcher"]>>;

/** Statuses that are the server's verdict; anything else is a failure of the test itself. */
const REJECTED = new Set([400, 422]);

export async function startServerSide(kubeconfigPath: string): Promise<ServerSide> {
  const { CoreV1Api, KubeConfig, Observable } = await kube();
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const core: CoreV1Api = kc.makeApiClient(CoreV1Api);
  const tls: { ca?: unknown; cert?: unknown; key?: unknown } = {};
  await kc.applyToHTTPSOptions(tls);
  let shared: Dispatcher | undefined;
  let http1: Dispatcher | undefined;
  const shareConnections: ObservableMiddleware = {
    pre: (context) => {
      shared ??= context.getDispatcher();
      // The class client-node made its pool with (undici's Agent), configured for HTTP/1.1 only.
      const Agent = shared?.constructor as (new (options: object) => Dispatcher) | undefined;
      const large = String(context.getBody() ?? "").length > LARGE_BODY;
      if (large && Agent)
        http1 ??= new Agent({ connect: { ca: tls.ca, cert: tls.cert, key: tls.key }, allowH2: false });
      const dispatcher = large ? http1 : shared;
      if (dispatcher !== undefined) context.setDispatcher(dispatcher);
      context.setHeaderParam("Accept", METADATA_ONLY);
      return new Observable(Promise.resolve(context));
    },
    post: (response) => new Observable(Promise.resolve(response)),
  };
  const options = { middleware: [shareConnections], middlewareMergeStrategy: "append" as const };
  const asApply: ObservableMiddleware = {
    pre: (context) => {
      context.setHeaderParam("Content-Type", "application/apply-patch+yaml");
      return new Observable(Promise.resolve(context));
    },
    post: (response) => new Observable(Promise.resolve(response)),
  };
  const applyOptions = { ...options, middleware: [shareConnections, asApply] };
  return {
    secret: (body) =>
      verdict(() =>
        core.createNamespacedSecretWithHttpInfo(
          // A reference may lack a field the client's type requires: it is sent as the program wrote it.
          { namespace: body.metadata.namespace, body: body as unknown as V1Secret, dryRun: "All" },
          options,
        ),
      ),
    apply: (body) =>
      verdict(
        () =>
          core.patchNamespacedSecretWithHttpInfo(
            {
              name: body.metadata.name ?? "",
              namespace: body.metadata.namespace,
              body,
              dryRun: "All",
              fieldManager: "kubesecret-differential",
              force: true,
            },
            applyOptions,
          ),
        [],
        isTypedPatchRejection,
      ),
    // An existing namespace (409) passed validation: only then does storage look for it.
    namespace: (name) =>
      verdict(() => core.createNamespaceWithHttpInfo({ body: { metadata: { name } }, dryRun: "All" }, options), [409]),
  };
}

/**
 * Server-side apply answers 500 for a body its field manager cannot read, such as a list keyed by
 * uid that lists a uid twice: that is the server's verdict on the input, not a fault of the test.
 */
function isTypedPatchRejection(status: number, body: unknown): boolean {
  return status === 500 && /failed to create typed patch object/.test(String(body));
}

/** Transport failures (a dropped HTTP/2 stream under load) are retried this often. */
const ATTEMPTS = 6;

async function verdict(
  create: () => Promise<{ httpStatusCode: number; headers: Record<string, string> }>,
  alsoAccepted: number[] = [],
  alsoRejected: (status: number, body: unknown) => boolean = () => false,
): Promise<ServerVerdict> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await create();
      return { accepted: true, status: response.httpStatusCode, warnings: warningsOf(response.headers["warning"]) };
    } catch (err) {
      const status = (err as { code?: unknown }).code;
      if (typeof status === "number" && alsoAccepted.includes(status)) return { accepted: true, status, warnings: [] };
      const body = (err as { body?: unknown }).body;
      if (typeof status === "number" && (REJECTED.has(status) || alsoRejected(status, body))) {
        return { accepted: false, status, message: messageOf(body), warnings: [] };
      }
      // A dry run changes nothing, so a request that got no HTTP answer is simply sent again; an
      // unexpected status means the test, not the input, is broken.
      if (typeof status === "number" || attempt === ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

interface StatusBody {
  message?: string;
  details?: { causes?: { field?: string; reason?: string; message?: string }[] };
}

/**
 * The server's reason for a rejection, by cause. A cause under `data` keeps only its field and
 * reason: Go's JSON errors quote a character of the value ("invalid character 'x' ...").
 */
function messageOf(body: unknown): string {
  let status: StatusBody;
  try {
    status = JSON.parse(String(body)) as StatusBody;
  } catch {
    return "(no status)";
  }
  const causes = status.details?.causes ?? [];
  if (causes.length === 0) return String(status.message).slice(0, 400);
  return causes
    .map((c) => (c.field?.startsWith("data") ? `${c.field}: ${c.reason}` : `${c.field}: ${c.message}`))
    .join("; ")
    .slice(0, 400);
}

/** `299 - "text"` entries of a Warning header. */
function warningsOf(header: string | undefined): string[] {
  if (!header) return [];
  return [...header.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
}
