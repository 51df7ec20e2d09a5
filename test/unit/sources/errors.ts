import * as pulumi from "@pulumi/pulumi";
import { expect } from "vitest";

/** The message of the error `load` throws, which must be a RunError (printed without a stack). */
export function errorOf(load: () => unknown): string {
  try {
    load();
  } catch (err) {
    expect(pulumi.RunError.isInstance(err), String(err)).toBe(true);
    return (err as Error).message;
  }
  throw new Error("expected the loader to throw");
}
