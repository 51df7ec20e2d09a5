/**
 * The compatibility matrix: which @pulumi/pulumi, @pulumi/kubernetes and Node.js versions are
 * combined, and which combinations share one installed project (the Node.js version only changes
 * the binary that runs the tests, not what npm installs).
 */

/** One combination the unit suite runs against. */
export interface Combination {
  pulumi: string;
  kubernetes: string;
  node: string;
}

/** The versions of each axis; each list is tried in the order given. */
export interface Axes {
  pulumi: readonly string[];
  kubernetes: readonly string[];
  node: readonly string[];
}

const unique = (values: readonly string[]) => [...new Set(values)];

/**
 * Every combination of the axes, each once (an axis whose oldest and newest are the same version
 * counts once), grouped so that the combinations sharing an installed project are adjacent.
 */
export function expandMatrix(axes: Axes): Combination[] {
  const combinations: Combination[] = [];
  for (const pulumi of unique(axes.pulumi)) {
    for (const kubernetes of unique(axes.kubernetes)) {
      for (const node of unique(axes.node)) combinations.push({ pulumi, kubernetes, node });
    }
  }
  return combinations;
}

/** The installed project a combination runs in: one per @pulumi/pulumi × @pulumi/kubernetes pair. */
export function projectKey(c: Pick<Combination, "pulumi" | "kubernetes">): string {
  return `pulumi-${c.pulumi}+kubernetes-${c.kubernetes}`;
}

/** A combination as people read it: `@pulumi/pulumi 3.202.0 · @pulumi/kubernetes 4.8.1 · Node.js 22.23.3`. */
export function describeCombination(c: Combination): string {
  return `@pulumi/pulumi ${c.pulumi} · @pulumi/kubernetes ${c.kubernetes} · Node.js ${c.node}`;
}
