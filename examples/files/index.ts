import * as pulumi from "@pulumi/pulumi";
import * as kubesecret from "kubesecret";

const config = new pulumi.Config();

// Read when the program runs (paths are relative to this project's directory), as
// `kubectl create secret generic --from-env-file=app.env --from-file=config` would read them:
// one key per line of app.env, one key per regular file in config/. Text goes to stringData,
// other bytes (pixel.gif) to data as base64; every value is a Pulumi secret. Edit a file and the
// next `pulumi up` replaces the Secret under a new generated name.
const settings = new kubesecret.Secret("app-settings", {
  namespace: config.get("namespace"),
  generateName: "app-settings-",
  ...kubesecret.secretData(kubesecret.fromEnvFile("app.env"), kubesecret.fromDirectory("config")),
});

export const name = settings.name;
export const uid = settings.uid;
export const resourceVersion = settings.resourceVersion;
export const keys = settings.keys;
