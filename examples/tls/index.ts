import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import * as kubesecret from "kubesecret";

const config = new pulumi.Config();

// The key is read into a secret Output at once, so it is encrypted in state and hidden in previews.
const tls = new kubesecret.TlsSecret("web-tls", {
  namespace: config.get("namespace"),
  generateName: "web-tls-",
  cert: fs.readFileSync(config.require("certFile"), "utf8"),
  key: pulumi.secret(fs.readFileSync(config.require("keyFile"), "utf8")),
});

export const name = tls.name;
export const uid = tls.uid;
export const resourceVersion = tls.resourceVersion;
export const keys = tls.keys;
