import * as pulumi from "@pulumi/pulumi";
import { expect } from "vitest";

/** The error `load` throws, which must be a RunError (printed without a stack). */
export function thrownBy(load: () => unknown): Error {
  try {
    load();
  } catch (err) {
    expect(pulumi.RunError.isInstance(err), String(err)).toBe(true);
    return err as Error;
  }
  throw new Error("expected the loader to throw");
}

/** The message of the error `load` throws (a RunError). */
export function errorOf(load: () => unknown): string {
  return thrownBy(load).message;
}
