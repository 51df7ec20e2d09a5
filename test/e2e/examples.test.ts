/**
 * The TypeScript examples that write Secrets from config and files, run as a user runs them: each
 * program imports "kubesecret", and runs from a copy outside the repository with the package
 * packed by `npm pack` and installed from its tarball (tools/examples.ts), through the real
 * Node.js language host (ts-node), against the local control plane; outputs are checked against
 * the live objects, then destroyed. The examples with workloads: examples-workloads.test.ts.
 *
 * The quick start (examples/quickstart) is deployed end to end by `npm run demo`; here it is
 * previewed only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeTlsPair } from "../../tools/tls.ts";
import { createStack, decodeData, e2eContext, pemBody, readSecret } from "./harness";
import { destroyAndExpectGone, endOfFileChecks, expectNoLeaks, useExamples } from "./support/examples";

const file = useExamples("examples", ["quickstart", "tls", "files"]);
const { e2e, example, planted } = file;

describe("examples/quickstart (the demo's program)", () => {
  it("previews a namespace, an Opaque Secret and a basic-auth Secret", async () => {
    const stack = await createStack({
      name: "quickstart",
      dir: example("quickstart"),
      config: { namespace: { value: `ks-quickstart-${e2eContext().runId}` } },
    });
    try {
      const preview = await stack.preview();
      // The stack, the Namespace, two components and their two Secrets; no TLS Secret unconfigured.
      expect(preview.changeSummary).toEqual({ create: 6 });
      expect(stack.text()).toContain("kubesecret:index:BasicAuthSecret");
    } finally {
      await stack.remove();
    }
  });
});

describe("examples/tls: a TlsSecret from PEM files", () => {
  let certDir = "";
  afterAll(() => fs.rmSync(certDir, { recursive: true, force: true }));

  it("deploys the certificate and key byte for byte; outputs equal the live Secret", async () => {
    // A throwaway certificate, only ever in a temp dir.
    const tls = makeTlsPair();
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-tls-example-"));
    const certFile = path.join(certDir, "tls.crt");
    const keyFile = path.join(certDir, "tls.key");
    fs.writeFileSync(certFile, tls.cert);
    fs.writeFileSync(keyFile, tls.key, { mode: 0o600 });
    const keyBody = pemBody(tls.key);
    planted.push(keyBody);

    const stack = await createStack({
      name: "tls",
      dir: example("tls"),
      config: {
        namespace: { value: e2e.namespace },
        certFile: { value: certFile },
        keyFile: { value: keyFile },
      },
    });
    const result = await stack.up();
    expect(result.summary.result).toBe("succeeded");
    const out = result.outputs;
    const name = out.name?.value as string;
    expect(name).toMatch(/^web-tls-[0-9a-f]{8}$/);
    const live = await readSecret(e2e.core, e2e.namespace, name);
    expect(live?.type).toBe("kubernetes.io/tls");
    expect(live?.metadata?.uid).toBe(out.uid?.value);
    expect(live?.metadata?.resourceVersion).toBe(out.resourceVersion?.value);
    expect(out.keys?.value).toEqual(["tls.crt", "tls.key"]);
    const data = decodeData(live?.data);
    expect(data["tls.crt"]?.equals(fs.readFileSync(certFile))).toBe(true);
    expect(data["tls.key"]?.equals(fs.readFileSync(keyFile))).toBe(true);
    expectNoLeaks(stack, [keyBody]);

    await destroyAndExpectGone(e2e, stack, [name]);
  });
});

describe("examples/files: an Opaque Secret from an env file and a directory", () => {
  it("stores each line of app.env and each file of config/ byte for byte; outputs equal the live Secret", async () => {
    const stack = await createStack({
      name: "files",
      dir: example("files"),
      config: { namespace: { value: e2e.namespace } },
    });
    const { outputs, summary } = await stack.up();
    expect(summary.result).toBe("succeeded");
    const name = outputs.name?.value as string;
    expect(name).toMatch(/^app-settings-[0-9a-f]{8}$/);
    expect(outputs.keys?.value).toEqual(["FEATURE_FLAGS", "GREETING", "LOG_LEVEL", "pixel.gif", "settings.json"]);
    const live = await readSecret(e2e.core, e2e.namespace, name);
    expect(live?.metadata?.uid).toBe(outputs.uid?.value);
    const data = decodeData(live?.data);
    expect(data["GREETING"]?.toString()).toBe('"hello, world"');
    expect(data["FEATURE_FLAGS"]?.toString()).toBe("search=on,beta=off");
    for (const file of ["pixel.gif", "settings.json"]) {
      expect(data[file]?.equals(fs.readFileSync(path.join(example("files"), "config", file))), file).toBe(true);
    }
    await destroyAndExpectGone(e2e, stack, [name]);
  });
});

endOfFileChecks(file);
