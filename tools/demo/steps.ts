/** The demo's console: numbered-free steps with ✓/✗ and durations, and a timing table at the end. */
import { secs } from "../log.ts";

export const out = (line = ""): void => void process.stdout.write(`${line}\n`);
export const note = (line: string): void => out(`  ${line}`);

interface Timing {
  title: string;
  ms: number;
  failed: boolean;
}

/** Runs the demo's steps in order, timing each; after an interruption the next step fails at once. */
export class Steps {
  readonly timings: Timing[] = [];
  interrupted = false;

  /** Runs `fn` as the step `title`, printing ▶ before and ✓ or ✗ with its duration after. */
  async run<T>(title: string, fn: () => Promise<T> | T): Promise<T> {
    if (this.interrupted) throw new Error("interrupted");
    out(`\n▶ ${title}`);
    const t = Date.now();
    try {
      const result = await fn();
      this.done(title, Date.now() - t, false);
      return result;
    } catch (err) {
      this.done(title, Date.now() - t, true);
      throw err;
    }
  }

  /** Records (and prints) a step that ran outside `run`. */
  done(title: string, ms: number, failed: boolean): void {
    this.timings.push({ title, ms, failed });
    out(`${failed ? "✗" : "✓"} ${title} (${secs(ms)})`);
  }

  /** The timing table. */
  print(totalMs: number): void {
    out("\nTimings:");
    for (const t of this.timings) out(`  ${t.failed ? "✗" : "✓"} ${secs(t.ms).padStart(6)}  ${t.title}`);
    out(`  total ${secs(totalMs)}`);
  }
}
