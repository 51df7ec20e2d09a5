// kubesecret quick start: a namespace and three Secrets, each checked before anything is sent and
// secret from config to cluster. Run it with `npm run demo` (a local cluster, start to finish), or
// yourself from the repository root:
//
//   eval "$(node tools/cli/pulumi-env.ts --kubeconfig ~/.kube/config)"
//   pulumi stack init dev
//   pulumi config set --secret apiToken "$(openssl rand -hex 16)"
//   pulumi up
//
// See examples/quickstart/README.md.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as kubesecret from "kubesecret";

const config = new pulumi.Config();

const namespace = new k8s.core.v1.Namespace("quickstart", {
  metadata: { name: config.get("namespace") ?? "kubesecret-quickstart" },
});

// An Opaque Secret with a generated name (`app-config-<8 hex>`). Values from secret config stay
// secret; plain values given here are made secret by the component.
const appConfig = new kubesecret.Secret("app-config", {
  namespace: namespace.metadata.name,
  generateName: "app-config-",
  labels: { "app.kubernetes.io/name": "quickstart" },
  stringData: {
    API_TOKEN: config.getSecret("apiToken") ?? "set-me: pulumi config set --secret apiToken ...",
    LOG_LEVEL: "info",
  },
});

// A kubernetes.io/basic-auth Secret with a fixed name, for things that must find it by name.
// A preview warns about it: with the default provider a changed value deletes and re-creates it
// (and its consumers); `pulumi config set kubernetes:enableSecretMutable true` changes it in place.
const registryLogin = new kubesecret.BasicAuthSecret("registry-login", {
  namespace: namespace.metadata.name,
  name: "registry-login",
  username: config.get("registryUser") ?? "deploy",
  password: config.getSecret("registryPassword") ?? "set-me",
});

// A kubernetes.io/tls Secret, when a certificate and its key are configured
// (`pulumi config set tlsCert < cert.pem`, `pulumi config set --secret tlsKey < key.pem`).
const tlsCert = config.get("tlsCert");
const tls =
  tlsCert === undefined
    ? undefined
    : new kubesecret.TlsSecret("web-tls", {
        namespace: namespace.metadata.name,
        generateName: "web-tls-",
        cert: tlsCert,
        key: config.requireSecret("tlsKey"),
      });

/** What a reviewer may see of a Secret: identity and key names, never values. */
function describe(secret: kubesecret.Secret | kubesecret.BasicAuthSecret | kubesecret.TlsSecret) {
  return {
    name: secret.name,
    namespace: secret.namespace,
    type: secret.type,
    uid: secret.uid,
    resourceVersion: secret.resourceVersion,
    keys: secret.keys,
  };
}

export const secrets = {
  appConfig: describe(appConfig),
  registryLogin: describe(registryLogin),
  ...(tls ? { webTls: describe(tls) } : {}),
};
// The data itself, as stored (base64 by key): secret, shown only with --show-secrets.
export const appConfigData = appConfig.data;
