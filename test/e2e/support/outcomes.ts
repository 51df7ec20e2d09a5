/** What a failed operation left behind, for the e2e files that provoke failures. */
import { expect } from "vitest";
import type { TestStack } from "./stacks";

/** Runs an operation that must fail; returns the error's full text (message, CLI stdout and stderr). */
export async function failure(operation: Promise<unknown>): Promise<string> {
  const error = await operation.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error, "the operation fails").toBeInstanceOf(Error);
  return String(error);
}

/** The stack's state holds no Kubernetes Secret. */
export function expectNoSecretInState(stack: TestStack): void {
  const resources = (stack.state().checkpoint.latest?.resources ?? []) as { type: string }[];
  expect(resources.filter((r) => r.type === "kubernetes:core/v1:Secret")).toEqual([]);
}
