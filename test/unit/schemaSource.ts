/**
 * The package schema as `pulumi package get-schema ./` infers it: the same analyzer, run in
 * process over the exported component classes, so the snapshot test needs no CLI.
 */
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental/provider";
import * as kubesecret from "../../src";

type ComponentClass = new (...args: never[]) => pulumi.ComponentResource;

export const componentClasses: ComponentClass[] = (Object.values(kubesecret) as unknown[]).filter(
  (value): value is ComponentClass =>
    typeof value === "function" && (value as ComponentClass).prototype instanceof pulumi.ComponentResource,
);

export async function inferSchema(root: string): Promise<Record<string, unknown>> {
  const provider = new ComponentProvider({
    dirname: root,
    name: "kubesecret",
    components: componentClasses as never,
  });
  return JSON.parse(await provider.getSchema());
}
