import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as kubesecret from "kubesecret";

const config = new pulumi.Config();
const namespace = config.require("namespace");

// A provider that updates Secret data in place (pulumi-kubernetes >= 4.18): a rotated value
// keeps the Secret's name and uid, so it is never missing. Stack config
// `kubernetes:enableSecretMutable: "true"` does the same for the default provider.
const provider = new k8s.Provider("mutable", { enableSecretMutable: true });

// trackRevision: a `revision` that changes exactly when the data changes. It is an HMAC under a
// key kept secret in Pulumi state, so it can sit in the pod template for all to see.
const database = new kubesecret.BasicAuthSecret(
  "database",
  {
    namespace,
    name: "rotation-db",
    username: "app",
    password: config.requireSecret("dbPassword"),
    trackRevision: true,
  },
  { provider },
);

const labels = { app: "rotation" };
const app = new k8s.apps.v1.Deployment(
  "app",
  {
    metadata: {
      namespace,
      annotations: config.requireBoolean("skipAwait") ? { "pulumi.com/skipAwait": "true" } : {},
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        // A new value → a new revision → a new ReplicaSet. A label change, a no-op up or a
        // refresh leaves it alone.
        metadata: { labels, annotations: kubesecret.rolloutAnnotations(database) },
        spec: {
          containers: [
            {
              name: "app",
              image: "nginx:1.27",
              env: [
                kubesecret.envVar(database, "DB_USER", "username"),
                kubesecret.envVar(database, "DB_PASSWORD", "password"),
              ],
            },
          ],
        },
      },
    },
  },
  { provider },
);

export const secretName = database.name;
export const secretUid = database.uid;
export const revision = database.revision;
export const deploymentName = app.metadata.name;
