/**
 * The set-up of an e2e file whose inline programs need the built package (a `writeOnly`
 * component's dynamic provider is served from bin/, see ensureLibraryBuilt).
 */
import { beforeAll } from "vitest";
import { canaryJar } from "../../../tools/leaks.ts";
import { type E2EFile, useE2E } from "../harness";
import { ensureLibraryBuilt } from "./cli";

export interface BuiltLibraryE2E {
  readonly e2e: E2EFile;
  /** Every value `fresh` made, for the leak scans. */
  readonly planted: string[];
  /** A new canary value, remembered in `planted`. */
  readonly fresh: (label: string) => string;
}

/** The file's namespace and client (useE2E), a jar of canary values, and bin/ built before the tests. */
export function useBuiltLibraryE2E(label: string): BuiltLibraryE2E {
  const e2e = useE2E(label);
  beforeAll(ensureLibraryBuilt, 300_000);
  return { e2e, ...canaryJar() };
}
