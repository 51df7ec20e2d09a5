/**
 * How every rejection table checks a rejection: the constructor throws a ResourceError naming
 * the component and the field, with no value in it (canary scan), and registers nothing.
 */
import * as pulumi from "@pulumi/pulumi";
import { expect } from "vitest";
import { CANARY, tls } from "./fixtures";
import { registrations } from "./mocks";
import { uniqueName } from "./outputValues";

export interface Rejection {
  what: string;
  make: (name: string) => unknown;
  message: RegExp;
}

const b64 = (s: string) => Buffer.from(s).toString("base64");

/** The text of what `make` threw (message and stack), after checking it was a ResourceError. */
export function rejectionText(make: (name: string) => unknown, name: string): string {
  let thrown: unknown;
  try {
    make(name);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(pulumi.ResourceError);
  return String((thrown as Error).message) + String((thrown as Error).stack);
}

/** Asserts the rejection: field and rule named, before `super()`, no value, nothing registered. */
export function expectRejected({ make, message }: Rejection): void {
  const name = uniqueName("rejected");
  const text = rejectionText(make, name);
  expect(text).toMatch(message);
  expect(text).toContain(`"${name}" has invalid arguments; nothing was created:`);
  expectNoValueIn(text);
  expect(registrations).toHaveLength(0);
}

/** No canary value in `text`, plain, base64 or as a line of the TLS key. */
export function expectNoValueIn(text: string): void {
  expect(text).not.toContain(CANARY);
  expect(text).not.toContain(b64(CANARY));
  expect(text).not.toContain(tls.key.split("\n")[1]!);
}
