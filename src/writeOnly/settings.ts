/**
 * The cluster settings of the Kubernetes provider a component uses, read in the program: an
 * explicit `k8s.Provider` (given to the component or an ancestor) exposes its inputs as Outputs;
 * the default provider follows stack config and the environment. Settings that name no cluster
 * the component can reach the same way are refused rather than guessed.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ClusterSettings } from "./cluster";

const PROVIDER_MODULE = "kubernetes::";

/**
 * Provider inputs that send writes somewhere a client cannot follow from the kubeconfig alone.
 * (`clusterIdentifier` only decides when the provider is replaced, not where it writes.)
 */
const UNFOLLOWABLE = ["renderYamlToDirectory", "cluster"] as const;

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
    if (s.unfollowable.length > 0) throw refusal(subject, s.unfollowable);
    return s.settings;
  });
}

/**
 * The settings once known, for a check that is skipped where the provider cannot be followed
 * (pipeline/existing.ts): undefined for a provider that exposes none or sets what a client cannot follow.
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
  // The provider's registration first (its URN is known in a preview too), then its properties.
  return pulumi.secret(pulumi.output(provider.urn).apply(() => explicitSettings(provider)));
}

/** A property of a registered provider, or `pulumi.unknown` when a preview cannot know it. */
async function propertyOf(provider: Record<string, unknown>, field: string): Promise<unknown> {
  const value = provider[field];
  if (!pulumi.Output.isInstance(value)) return undefined;
  // In a preview the SDK marks every input the program did not give as unknown, like one computed
  // from another resource's output; only the value it holds tells them apart (undefined or
  // `pulumi.unknown`). Without this, every preview of a Secret whose provider leaves out
  // `namespace` (say) would show it replaced. `promise(withUnknowns)` is internal to the SDK:
  // without it a preview knows nothing (as if every setting were computed), and `up` all.
  const withUnknowns = (value as unknown as { promise?: (withUnknowns: boolean) => Promise<unknown> }).promise;
  if (typeof withUnknowns === "function") return withUnknowns.call(value, true);
  if (pulumi.runtime.isDryRun()) return pulumi.unknown;
  return new Promise((resolve) => value.apply(resolve));
}

async function explicitSettings(
  provider: Record<string, unknown>,
): Promise<ProviderSettings | pulumi.Output<ProviderSettings>> {
  const others = await Promise.all(UNFOLLOWABLE.map((field) => propertyOf(provider, field)));
  const unfollowable = UNFOLLOWABLE.filter((_, i) => isSet(others[i]));
  // Refused in a preview too, whatever else is unknown.
  if (unfollowable.length > 0) return { settings: {}, unfollowable };
  const [kubeconfig, context, namespace] = await Promise.all(
    ["kubeconfig", "context", "namespace"].map((field) => propertyOf(provider, field)),
  );
  // A setting computed from another resource's output: unknown until `up` resolves it.
  if ([kubeconfig, context, namespace, ...others].some((v) => pulumi.isUnknown(v))) {
    return pulumi.output(pulumi.unknown) as unknown as pulumi.Output<ProviderSettings>;
  }
  const settings = compact({
    kubeconfig: asString(kubeconfig),
    context: asString(context),
    namespace: asString(namespace),
  });
  return { settings, unfollowable: [] };
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "" && !pulumi.isUnknown(value);
}

function unreadable(subject: string): pulumi.ResourceError {
  return new pulumi.ResourceError(
    `${subject}: writeOnly needs to read its Kubernetes provider's settings (kubeconfig, context, namespace), ` +
      "and this provider does not expose them (it was made outside this TypeScript or JavaScript program). Nothing was created.",
    undefined,
    true,
  );
}

function refusal(subject: string, set: readonly string[]): pulumi.ResourceError {
  return new pulumi.ResourceError(
    `${subject}: writeOnly writes with its own client to the cluster of the provider's kubeconfig and context, ` +
      `and cannot follow the provider's ${set.join(", ")} setting. Nothing was written.`,
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
