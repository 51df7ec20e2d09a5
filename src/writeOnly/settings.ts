/**
 * The cluster settings of the Kubernetes provider a component uses, read in the program: an
 * explicit `k8s.Provider` (given to the component or an ancestor) exposes its inputs as Outputs;
 * the default provider follows stack config and the environment. Settings that name no cluster
 * the component can reach the same way are refused rather than guessed.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ClusterSettings } from "./cluster";

const PROVIDER_MODULE = "kubernetes::";

/** Provider inputs that send writes somewhere a client cannot follow from the kubeconfig alone. */
const UNFOLLOWABLE = ["renderYamlToDirectory", "cluster", "clusterIdentifier"] as const;

/**
 * The settings as an Output: secret when they hold a kubeconfig's text, unknown in a preview
 * where the provider's own inputs are. Throws (value-free) for a provider it cannot follow.
 */
export function clusterSettingsOf(
  component: pulumi.ComponentResource,
  subject: string,
): pulumi.Output<ClusterSettings> {
  const provider = component.getProvider(PROVIDER_MODULE) as
    (pulumi.ProviderResource & Record<string, unknown>) | undefined;
  if (provider === undefined) {
    const config = new pulumi.Config("kubernetes");
    return pulumi.secret(
      pulumi
        .all([config.getSecret("kubeconfig"), config.get("context"), config.get("namespace")])
        .apply(([kubeconfig, context, namespace]) => compact({ kubeconfig, context, namespace })),
    );
  }
  if (!pulumi.Output.isInstance(provider["kubeconfig"])) {
    throw new pulumi.ResourceError(
      `${subject}: writeOnly needs to read its Kubernetes provider's settings (kubeconfig, context, namespace), ` +
        "and this provider does not expose them (it was made outside this TypeScript or JavaScript program). Nothing was created.",
      undefined,
      true,
    );
  }
  const read = (field: string) =>
    pulumi.Output.isInstance(provider[field]) ? (provider[field] as pulumi.Output<unknown>) : undefined;
  const unfollowable = pulumi.all(UNFOLLOWABLE.map(read));
  return pulumi.secret(
    pulumi
      .all([read("kubeconfig"), read("context"), read("namespace"), unfollowable])
      .apply(([kubeconfig, context, namespace, others]) => {
        const set = UNFOLLOWABLE.filter((_, i) => others[i] !== undefined && others[i] !== "" && others[i] !== null);
        if (set.length > 0) {
          throw new pulumi.ResourceError(
            `${subject}: writeOnly writes with its own client to the cluster of the provider's kubeconfig and context, ` +
              `and cannot follow the provider's ${set.join(", ")} setting. Nothing was written.`,
            undefined,
            true,
          );
        }
        return compact({
          kubeconfig: asString(kubeconfig),
          context: asString(context),
          namespace: asString(namespace),
        });
      }),
  );
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function compact(settings: { [K in keyof ClusterSettings]: string | undefined }): ClusterSettings {
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined && v !== "")) as ClusterSettings;
}
