/** The throwaway TLS helper lives in tools/tls.ts (shared with e2e and the demo); import it from there. */
export { type TlsPair, makeTlsPair } from "../../tools/tls.ts";
