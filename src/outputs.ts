import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/**
 * What every kubesecret component exposes. Pulumi's schema inference reads only a class's own
 * properties, so each class declares these again with their documentation.
 */
export interface SecretOutputs {
  name: pulumi.Output<string>;
  namespace: pulumi.Output<string>;
  uid: pulumi.Output<string>;
  resourceVersion: pulumi.Output<string>;
  creationTimestamp: pulumi.Output<string>;
  type: pulumi.Output<string>;
  keys: pulumi.Output<string[]>;
  data: pulumi.Output<{ [key: string]: string }>;
  revision: pulumi.Output<string | undefined>;
  secret: k8s.core.v1.Secret;
}
