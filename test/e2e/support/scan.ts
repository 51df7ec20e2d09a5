/**
 * Leak scans over named places: every stream (stdout, stderr, engine events of one operation),
 * file (a state file, a history file, a stack config file) and field (a live object's labels,
 * annotations, managedFields) is recorded under its own name, so a scan reports how many places
 * it looked at and where a value showed up, in which form.
 *
 *   const places = new ScanPlaces();
 *   await stack.up({ diff: true, ...places.hooks("up") });
 *   places.add("state file after up", stack.rawState());
 *   const result = places.scan(scanValues([canary1, multiLineCanary]));
 *   expect(result.leaks).toEqual([]);
 *
 * Debug diagnostics are kept apart (`excluded`): @pulumi/pulumi logs whole RegisterResource
 * responses at debug level, secret data included (see stacks.ts); they are what `pulumi up
 * --debug` prints and are not part of any default output.
 *
 * For one text of a whole file's output and state instead: `leakScanText(stacks)`.
 */
import fs from "node:fs";
import path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { type TestStack, transcriptText } from "./stacks";
import { e2eContext } from "./context";
import { findLeaks, secretForms } from "../../../tools/leaks.ts";

export { scanValues } from "../../../tools/leaks.ts";

export interface Leak {
  place: string;
  value: string;
  form: string;
}

export interface ScanResult {
  /** How many places (streams, files, fields) were scanned. */
  places: number;
  /** How many values (whole values and their lines) were looked for. */
  values: number;
  /** How many forms (plain, JSON-escaped, hex, base64 and base64url at each offset) in all. */
  forms: number;
  /** Characters scanned. */
  chars: number;
  leaks: Leak[];
}

export class ScanPlaces {
  private readonly texts = new Map<string, string>();
  /** Debug diagnostics by operation: recorded, never scanned (the documented exception). */
  readonly excluded = new Map<string, string>();

  /** Adds text to a place (places with the same name are one place). */
  add(place: string, text: string): void {
    this.texts.set(place, (this.texts.get(place) ?? "") + text);
  }

  /** The names of the places recorded so far. */
  names(): string[] {
    return [...this.texts.keys()];
  }

  text(place: string): string {
    return this.texts.get(place) ?? "";
  }

  /**
   * Callbacks for an Automation API operation that record its stdout, stderr and engine events
   * as three places named after `operation`. Pass them with the operation's options.
   */
  hooks(operation: string) {
    // Each place exists (possibly empty) once the operation ran, so it is counted.
    for (const stream of ["stdout", "stderr", "engine events"]) this.add(`${operation}: ${stream}`, "");
    return {
      onOutput: (s: string) => this.add(`${operation}: stdout`, s),
      onError: (s: string) => this.add(`${operation}: stderr`, s),
      onEvent: (e: EngineEvent) => {
        const json = `${JSON.stringify(e)}\n`;
        if ((e.diagnosticEvent?.severity as string | undefined) === "debug") {
          this.excluded.set(operation, (this.excluded.get(operation) ?? "") + json);
        } else {
          this.add(`${operation}: engine events`, json);
        }
      },
    };
  }

  /** Records an error an operation threw (its message carries the CLI's stdout and stderr). */
  addError(operation: string, error: unknown): void {
    const e = error as { message?: unknown; stack?: unknown };
    this.add(`${operation}: error message`, `${String(error)}\n${String(e?.message ?? "")}\n${String(e?.stack ?? "")}`);
  }

  /** Records every file under `dir` whose path contains `needle`, one place per file. */
  addFiles(label: string, dir: string, needle: string): number {
    let count = 0;
    for (const file of listFiles(dir)) {
      if (!file.includes(needle)) continue;
      this.add(`${label}: ${path.relative(dir, file)}`, fs.readFileSync(file, "utf8"));
      count += 1;
    }
    return count;
  }

  /** Looks for every form of every value in the places `which` selects (default: all). */
  scan(values: readonly string[], which: (place: string) => boolean = () => true): ScanResult {
    const leaks: Leak[] = [];
    let places = 0;
    let chars = 0;
    for (const [place, text] of this.texts) {
      if (!which(place)) continue;
      places += 1;
      chars += text.length;
      for (const leak of findLeaks(text, values)) leaks.push({ place, ...leak });
    }
    const forms = values.reduce((n, v) => n + secretForms(v).length, 0);
    return { places, values: values.length, forms, chars, leaks };
  }

  /** The excluded debug diagnostics that contain a value: how many operations, for the report. */
  debugOperationsWithValues(values: readonly string[]): string[] {
    return [...this.excluded].filter(([, text]) => findLeaks(text, values).length > 0).map(([op]) => op);
  }
}

/** One line per place kind for the console: `3 state files, 12 streams, ...`. */
export function describeScan(title: string, result: ScanResult): string {
  return (
    `${title}: scanned ${result.places} places (${result.chars} characters) for ${result.values} values ` +
    `in ${result.forms} forms; ${result.leaks.length} leak(s)`
  );
}

/**
 * The file backend's files of these stacks: the current state, every backup and every history
 * checkpoint (all plain JSON: the e2e environment turns gzip off).
 */
export function stateFilesOf(stacks: readonly TestStack[]): string[] {
  const root = path.join(e2eContext().backendDir, ".pulumi");
  const files: string[] = [];
  for (const stack of stacks) {
    files.push(stack.statePath());
    for (const area of ["backups", "history"]) {
      const dir = path.join(root, area, stack.projectName, stack.name);
      if (!fs.existsSync(dir)) continue;
      for (const f of fs.readdirSync(dir)) if (f.endsWith(".json")) files.push(path.join(dir, f));
    }
  }
  return files.filter((f) => fs.existsSync(f));
}

/** Everything to scan for secret values: this file's transcript, then every state file of `stacks`. */
export function leakScanText(stacks: readonly TestStack[]): { text: string; stateFiles: number } {
  const files = stateFilesOf(stacks);
  return {
    text: [transcriptText(), ...files.map((f) => fs.readFileSync(f, "utf8"))].join("\n"),
    stateFiles: files.length,
  };
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile());
}
