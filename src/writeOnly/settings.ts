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

/** A provider's settings, and the inputs it sets that a client cannot follow. */
interface ProviderSettings {
  readonly settings: ClusterSettings;
  readonly unfollowable: string[];
}

/**
 * The settings as an Output: secret (they may hold a kubeconfig's text), unknown in a preview
 * where the provider's own inputs are. Throws (value-free) for a provider it cannot follow.
 */
export function clusterSettingsOf(
  component: pulumi.ComponentResource,
  subject: string,
): pulumi.Output<ClusterSettings> {
  const settings = providerSettings(component);
  if (settings === undefined) throw unreadable(subject);
  return settings.apply((s) => {
    if (s.unfollowable.length > 0) throw unfollowable(subject, s.unfollowable);
    return s.settings;
  });
}

/**
 * The settings once known, for a check that is skipped where the provider cannot be followed
 * (existing.ts): undefined for a provider that exposes none or sets what a client cannot follow.
 */
export function settingsIfFollowable(component: pulumi.ComponentResource): Promise<ClusterSettings | undefined> {
  const settings = providerSettings(component);
  if (settings === undefined) return Promise.resolve(undefined);
  return new Promise((resolve) => settings.apply((s) => resolve(s.unfollowable.length > 0 ? undefined : s.settings)));
}

/** undefined for a provider that does not expose its inputs (one made in another language). */
function providerSettings(component: pulumi.ComponentResource): pulumi.Output<ProviderSettings> | undefined {
  const provider = component.getProvider(PROVIDER_MODULE) as
    (pulumi.ProviderResource & Record<string, unknown>) | undefined;
  if (provider === undefined) {
    const config = new pulumi.Config("kubernetes");
    return pulumi.secret(
      pulumi
        .all([config.getSecret("kubeconfig"), config.get("context"), config.get("namespace")])
        .apply(([kubeconfig, context, namespace]) => ({
          settings: compact({ kubeconfig, context, namespace }),
          unfollowable: [],
        })),
    );
  }
  if (!pulumi.Output.isInstance(provider["kubeconfig"])) return undefined;
  const read = (field: string) =>
    pulumi.Output.isInstance(provider[field]) ? (provider[field] as pulumi.Output<unknown>) : undefined;
  return pulumi.secret(
    pulumi
      .all([read("kubeconfig"), read("context"), read("namespace"), pulumi.all(UNFOLLOWABLE.map(read))])
      .apply(([kubeconfig, context, namespace, others]) => ({
        settings: compact({
          kubeconfig: asString(kubeconfig),
          context: asString(context),
          namespace: asString(namespace),
        }),
        unfollowable: UNFOLLOWABLE.filter((_, i) => others[i] !== undefined && others[i] !== "" && others[i] !== null),
      })),
  );
}

function unreadable(subject: string): pulumi.ResourceError {
  return new pulumi.ResourceError(
    `${subject}: writeOnly needs to read its Kubernetes provider's settings (kubeconfig, context, namespace), ` +
      "and this provider does not expose them (it was made outside this TypeScript or JavaScript program). Nothing was created.",
    undefined,
    true,
  );
}

function unfollowable(subject: string, settings: readonly string[]): pulumi.ResourceError {
  return new pulumi.ResourceError(
    `${subject}: writeOnly writes with its own client to the cluster of the provider's kubeconfig and context, ` +
      `and cannot follow the provider's ${settings.join(", ")} setting. Nothing was written.`,
    undefined,
    true,
  );
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function compact(settings: { [K in keyof ClusterSettings]: string | undefined }): ClusterSettings {
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined && v !== "")) as ClusterSettings;
}
