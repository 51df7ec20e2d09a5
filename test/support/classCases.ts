/**
 * The class table now lives in tools/classCases.ts, where the benchmark's programs can import it
 * too (an ES module directory: Node.js runs it without a module-type warning). Kept so the e2e
 * support's import keeps working; it can go once test/e2e/support/classes.ts imports tools/.
 */
export { CLASS_NAMES, CLASS_TABLE, type ClassName, type ClassRow, type TlsPair } from "../../tools/classCases.ts";
