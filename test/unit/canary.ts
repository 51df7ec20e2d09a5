/** The string every unit-test value carries, so a test can prove it never shows outside a secret. */
export const CANARY = "canary-7f3e9c21";
