import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as kubesecret from "kubesecret";

const config = new pulumi.Config();
const namespace = config.require("namespace");

// writeOnly: the password goes from this program to the API server and nowhere else. The stack's
// state keeps, per key, an HMAC under a key kept in the cluster: a preview still names the keys
// that change, and a changed password is written in place (same Secret, never missing).
const database = new kubesecret.BasicAuthSecret("database", {
  namespace,
  generateName: "write-only-db-",
  username: "app",
  password: config.requireSecret("dbPassword"),
  writeOnly: true,
  // A revision that changes exactly when the data changes (keyed in the cluster too).
  trackRevision: true,
});

const labels = { app: "write-only" };
const app = new k8s.apps.v1.Deployment("app", {
  metadata: {
    namespace,
    annotations: config.requireBoolean("skipAwait") ? { "pulumi.com/skipAwait": "true" } : {},
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: labels },
    template: {
      // A new password → a new revision → a new ReplicaSet; a no-op up leaves it alone.
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
});

export const secretName = database.name;
export const secretUid = database.uid;
export const revision = database.revision;
export const deploymentName = app.metadata.name;
