/**
 * How a failed API call of a write-only Secret is described (src/writeOnly/kube.ts): the status
 * and the server's message with every known value taken out, or what kept the request from being
 * made. The e2e faults (test/e2e/write-only-faults.test.ts) see these messages from a real API
 * server; here each shape is pinned.
 */
import { describe, expect, it } from "vitest";
import { describeFailure } from "../../src/writeOnly/kube";
import type { Cluster } from "../../src/writeOnly/cluster";
import { destroyObject } from "../../src/writeOnly/destroy";

/** An API error as @kubernetes/client-node throws it: a status code and the Status object as text. */
const apiError = (code: number, reason: string, message: string) => ({
  code,
  body: JSON.stringify({ kind: "Status", reason, message }),
});

describe("describeFailure", () => {
  it("gives the status, the reason and the server's message", () => {
    const err = apiError(403, "Forbidden", 'secrets is forbidden: User "u" cannot update resource "secrets"');
    expect(describeFailure(err)).toBe('403 Forbidden: secrets is forbidden: User "u" cannot update resource "secrets"');
  });

  it("takes every known value out of the server's message, in each form given", () => {
    const plain = "hunter2-value";
    const b64 = Buffer.from(plain).toString("base64");
    const err = apiError(422, "Invalid", `denied: ${b64} (${plain})`);
    const text = describeFailure(err, [b64, plain]);
    expect(text).toBe("422 Invalid: denied: [redacted] ([redacted])");
  });

  it("keeps the status alone when the body is not a Status object", () => {
    expect(describeFailure({ code: 500, body: "<html>oops</html>" })).toBe("500");
  });

  it("names a refused connection as the API server being unreachable", () => {
    const refused = { cause: { code: "ECONNREFUSED" } };
    expect(describeFailure(refused)).toBe("the API server could not be reached (ECONNREFUSED)");
  });

  it("names a request that could not be made (a kubeconfig problem) as such, not as unreachable", () => {
    const text = describeFailure({ code: "ERR_OSSL_PEM_NO_START_LINE" });
    expect(text).toMatch(/could not be made \(ERR_OSSL_PEM_NO_START_LINE\)/);
    expect(text).not.toMatch(/could not be reached/);
  });
});

describe("the write-only provider's destroy (destroyObject)", () => {
  it("fails without the values when handing a Secret over is rejected with a message that quotes them", async () => {
    const plain = "hunter2-handover";
    const b64 = Buffer.from(plain).toString("base64");
    const live = {
      metadata: {
        namespace: "apps",
        name: "db",
        uid: "u-1",
        labels: { "kubesecret.dev/owner": "o" },
        managedFields: [{ manager: "pulumi-kubernetes-1", operation: "Apply" }],
      },
      data: { password: b64 },
    };
    const core = {
      readNamespacedSecret: async () => live,
      replaceNamespacedSecret: async () => {
        throw apiError(403, "Forbidden", `denied by policy: password=${plain} (${b64})`);
      },
    };
    const cluster = { core, defaultNamespace: "default" } as unknown as Cluster;
    const failure = await destroyObject(cluster, { namespace: "apps", name: "db" }, "u-1").then(
      () => undefined,
      (err: Error) => err.message,
    );
    expect(failure).toBe(
      "kubesecret write-only Secret apps/db: deleting the Secret failed: 403 Forbidden: denied by policy: password=[redacted] ([redacted])",
    );
  });
});
