import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as kubesecret from "kubesecret";

const config = new pulumi.Config();
const namespace = config.require("namespace");

// Generated names: a changed value replaces the Secret under a new name (created before the old
// one is deleted), and because the pod template references that name, the Deployment rolls.
const database = new kubesecret.BasicAuthSecret("database", {
  namespace,
  generateName: "app-db-",
  username: "app",
  password: config.requireSecret("dbPassword"),
});

const api = new kubesecret.Secret("api", {
  namespace,
  generateName: "app-api-",
  stringData: { API_TOKEN: config.requireSecret("apiToken"), API_URL: "https://api.example.com" },
});

const settings = new kubesecret.Secret("settings", {
  namespace,
  generateName: "app-settings-",
  stringData: { "settings.json": config.requireSecret("apiToken").apply((token) => JSON.stringify({ token })) },
});

const labels = { app: "web" };
const web = new k8s.apps.v1.Deployment("web", {
  metadata: {
    namespace,
    annotations: config.requireBoolean("skipAwait") ? { "pulumi.com/skipAwait": "true" } : {},
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: {
        containers: [
          {
            name: "web",
            image: "nginx:1.27",
            envFrom: [kubesecret.envFrom(api)],
            env: [
              kubesecret.envVar(database, "DB_PASSWORD", "password"),
              kubesecret.envVar(database, "DB_USER", "username"),
            ],
            volumeMounts: [{ name: "settings", mountPath: "/etc/web", readOnly: true }],
          },
        ],
        volumes: [
          kubesecret.volume(settings, "settings", [{ key: "settings.json", path: "settings.json", mode: 0o400 }]),
        ],
      },
    },
  },
});

export const secretNames = { database: database.name, api: api.name, settings: settings.name };
export const deploymentName = web.metadata.name;
