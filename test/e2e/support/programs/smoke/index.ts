// The e2e smoke test's Secret as a program directory, run by pulumi-language-nodejs (ts-node)
// exactly as `pulumi up` runs a user's program. The library comes in by relative path.
import * as pulumi from "@pulumi/pulumi";
import * as kubesecret from "../../../../../src";

const config = new pulumi.Config();

const secret = new kubesecret.Secret("smoke", {
  namespace: config.require("namespace"),
  generateName: "smoke-",
  stringData: {
    canary: config.requireSecret("canary"),
    unicode: "pässwörd ✓ 鍵 🔑",
    empty: "",
  },
  data: { "blob.bin": config.require("blob") },
});

export const name = secret.name;
export const namespace = secret.namespace;
export const uid = secret.uid;
export const resourceVersion = secret.resourceVersion;
export const type = secret.type;
export const keys = secret.keys;
export const data = secret.data;
