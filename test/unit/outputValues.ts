/** Reading Outputs in unit tests (their value, whether they are secret), and names no other test uses. */
import * as pulumi from "@pulumi/pulumi";

/** Resolves an Output's value (secret or not), or rejects with the error it carries. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  // `promise()` is internal but is how the SDK itself awaits outputs; it also surfaces rejections.
  return (output as unknown as { promise(): Promise<T> }).promise();
}

let counter = 0;

/** A name no other test uses, so URNs and generateName prefixes never collide. */
export function uniqueName(base: string): string {
  counter += 1;
  return `${base}-${counter}`;
}

export async function isSecret(output: pulumi.Output<unknown>): Promise<boolean> {
  return pulumi.isSecret(output);
}
