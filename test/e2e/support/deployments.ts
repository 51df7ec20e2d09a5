/** The Deployment e2e programs put beside a Secret, to see what a change does to what reads it. */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

export interface SecretReaderArgs {
  namespace: string;
  /** The Deployment's name and its pods' `app` label. */
  id: string;
  /** How its one container takes the Secret (the library's `envFrom(secret)`). */
  envFrom: k8s.types.input.core.v1.EnvFromSource;
  /** Annotations of the pod template (say, `rolloutAnnotations(secret)`). */
  podAnnotations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * A Deployment whose one container reads a Secret through `envFrom`. skipAwait: no kubelet runs
 * pods here, so it would never become ready. `kubernetes` is the program's @pulumi/kubernetes.
 */
export function secretReader(
  kubernetes: typeof k8s,
  { namespace, id, envFrom, podAnnotations }: SecretReaderArgs,
  opts: pulumi.CustomResourceOptions,
): k8s.apps.v1.Deployment {
  return new kubernetes.apps.v1.Deployment(
    "app",
    {
      metadata: { namespace, name: id, annotations: { "pulumi.com/skipAwait": "true" } },
      spec: {
        selector: { matchLabels: { app: id } },
        template: {
          metadata: { labels: { app: id }, ...(podAnnotations === undefined ? {} : { annotations: podAnnotations }) },
          spec: { containers: [{ name: "app", image: "registry.kubesecret.test/app:1", envFrom: [envFrom] }] },
        },
      },
    },
    opts,
  );
}
