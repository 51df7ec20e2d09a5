/**
 * Moving a Secret a stack manages as a raw `kubernetes.core.v1.Secret` under a kubesecret
 * component without replacing it: the component's child takes over the raw resource's state
 * through an alias, so the engine updates the object in place instead of creating a new one and
 * deleting the old. Component transforms apply to children, which is how the alias reaches it.
 */
import * as pulumi from "@pulumi/pulumi";

const SECRET_TYPE = "kubernetes:core/v1:Secret";

/**
 * A transform for a kubesecret component's `transforms` option: its Secret answers to the raw
 * `kubernetes.core.v1.Secret` this stack created as `rawName` (at the top of the program, or
 * under `rawParent`). Keep the same `name` (and namespace) in the component, and keep the
 * transform: it also leaves an Opaque Secret's `type` unset, as the raw resource had it.
 *
 * @example
 * new kubesecret.Secret("db", { name: "db", stringData: { password } }, {
 *   transforms: [kubesecret.fromRawSecret("db-credentials")],
 * });
 */
export function fromRawSecret(rawName: string, rawParent?: pulumi.Resource): pulumi.ResourceTransform {
  // Made now, in the program: the transform runs later from the engine's callback, where an
  // Automation API inline program's project and stack names are not in scope.
  const alias = pulumi.createUrn(rawName, SECRET_TYPE, rawParent);
  return (args) => {
    if (args.type !== SECRET_TYPE || args.custom !== true) return undefined;
    // A raw Secret usually leaves `type` unset (Opaque); setting it would count as a change of
    // type, which replaces a Secret. So an Opaque child leaves it unset too, for as long as the
    // transform stays.
    const { type, ...props } = args.props;
    const kept = type === "Opaque" ? props : args.props;
    return { props: kept, opts: pulumi.mergeOptions(args.opts, { aliases: [alias] }) };
  };
}
