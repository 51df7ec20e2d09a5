import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as kubesecret from "kubesecret";

const config = new pulumi.Config();
const namespace = config.require("namespace");

const pullSecret = new kubesecret.DockerConfigSecret("pull", {
  namespace,
  generateName: "registry-pull-",
  registries: [
    {
      server: config.require("server"),
      username: config.require("username"),
      password: config.requireSecret("password"),
    },
  ],
});

const labels = { app: "api" };
const api = new k8s.apps.v1.Deployment("api", {
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
        // The generated name of the Secret, so a rotation rolls the Deployment onto the new one.
        imagePullSecrets: [{ name: pullSecret.name }],
        containers: [{ name: "api", image: config.require("image") }],
      },
    },
  },
});

export const pullSecretName = pullSecret.name;
export const deploymentName = api.metadata.name;
