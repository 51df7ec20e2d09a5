import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeXml, lineChartSvg, niceTicks } from "../../bench/report/chart.ts";
import { ENGINE_CHART, MOCKS_CHART, MOCKS_CPU_CHART, engineChart, renderReport } from "../../bench/report/document.ts";
import { formatMs, formatSummary } from "../../bench/report/format.ts";
import { engineSummaryTable, engineTable, floorTable, stateTable } from "../../bench/report/engineTables.ts";
import { mocksSummaryTable, mocksTable } from "../../bench/report/mocksTables.ts";
import { sampleResults, withWriteOnly } from "./fixtures.ts";

/** The cells of the table row whose first cells are `first`. */
function row(table: string, ...first: string[]): string[] {
  const rows = table.split("\n").map((line) => line.slice(2, -2).split(" | "));
  const found = rows.find((cells) => first.every((f, i) => cells[i] === f));
  if (!found) throw new Error(`no row ${first.join(", ")} in\n${table}`);
  return found;
}

describe("formats", () => {
  it("writes durations and summaries with their unit", () => {
    expect(formatMs(7.123)).toBe("7.12 ms");
    expect(formatMs(850)).toBe("850 ms");
    expect(formatMs(7100)).toBe("7.1 s");
    expect(formatSummary({ median: 2, min: 1, max: 3, count: 3 }, String)).toBe("2 (1–3)");
    expect(formatSummary({ median: 7100, min: 6900, max: 7400, count: 3 }, formatMs)).toBe("7.1 s (6.9–7.4 s)");
    expect(formatSummary({ median: 990, min: 900, max: 1100, count: 3 }, formatMs)).toBe("990 ms (900 ms–1.1 s)");
    expect(formatSummary({ median: 2, min: 2, max: 2, count: 3 }, String)).toBe("2");
    expect(formatSummary({ median: 2, min: 1, max: 3, count: 1 }, String)).toBe("2");
  });
});

describe("tables", () => {
  const results = sampleResults();

  it("gives each mocks subject its time, heap and ratios to the raw Secret of the same N", () => {
    const table = mocksTable(results);
    expect(row(table, "100", "raw Secret")).toEqual([
      "100",
      "raw Secret",
      "11 ms (10–12 ms)",
      "0.110 ms (0.100–0.120 ms)",
      "",
      "9.90 ms (9.00–11 ms)",
      "",
      "1.0 MB",
      "",
      "200.0 MB",
      "",
    ]);
    expect(row(table, "1000", "Secret").slice(4)).toEqual([
      "2.00×",
      "198 ms (180–216 ms)",
      "2.00×",
      "2.0 MB",
      "2.00×",
      "200.0 MB",
      "1.00×",
    ]);
    expect(row(table, "100", "bare component")[4]).toBe("1.50×");
    // raw, bare and seven classes at each of two N.
    expect(table.split("\n")).toHaveLength(2 + 2 * 9);
  });

  it("gives each engine operation every side and the ratios to raw and to the bare floor", () => {
    const table = engineTable(results, 200)!;
    expect(row(table, "`pulumi up` (create)")).toEqual([
      "`pulumi up` (create)",
      "1.1 s (1.0–1.2 s)",
      "1.7 s (1.5–1.8 s)",
      "2.2 s (2.0–2.4 s)",
      "1.50× (1.50–1.55×)",
      "2.00×",
      "1.33× (1.29–1.33×)",
    ]);
    expect(table).toContain("no-op `pulumi preview`, `PULUMI_SKIP_CHECKPOINTS=true`");
    expect(table.split("\n")).toHaveLength(2 + 8);
  });

  it("gives the CPU time of the same runs when it was measured", () => {
    const cpu = engineTable(results, 200, "cpuMs")!;
    expect(row(cpu, "`pulumi destroy`")).toEqual([
      "`pulumi destroy`",
      "800 ms",
      "1.2 s",
      "1.6 s",
      "1.50×",
      "2.00×",
      "1.33×",
    ]);
    const without = sampleResults();
    for (const r of without.engine!.runs) delete r.cpuMs;
    expect(engineTable(without, 200, "cpuMs")).toBeUndefined();
  });

  it("sets the API floor beside each side's create and delete", () => {
    const table = floorTable(results, 200)!;
    const create = row(table, "create (`up`)");
    expect(create[1]).toBe("550 ms (500–600 ms)");
    expect(create.slice(-3)).toEqual(["2.00×", "3.00× (3.00–3.09×)", "4.00×"]);
    expect(floorTable(results, 1000)).toBeUndefined();
  });

  it("gives the state per Secret and its ratio to raw", () => {
    const table = stateTable(results, 200)!;
    expect(row(table, "raw Secret")).toEqual(["raw Secret", "560.0 kB", "2.80 kB", "", "2.80 kB", ""]);
    expect(row(table, "kubesecret")).toEqual(["kubesecret", "1.0 MB", "5.00 kB", "1.79×", "5.04 kB", "1.80×"]);
  });

  it("labels each library when several are compared", () => {
    const two = sampleResults();
    two.libraries.push({ ...two.libraries[0]!, id: "def456" });
    two.engine!.runs.push(...two.engine!.runs.filter((r) => r.library).map((r) => ({ ...r, library: "def456" })));
    const table = engineTable(two, 200)!;
    expect(table.split("\n")[0]).toContain("| kubesecret @ abc123 | kubesecret @ def456 | bare / raw |");
    expect(table.split("\n")[0]).toContain("| kubesecret @ def456 / raw | kubesecret @ def456 / bare |");
  });
});

describe("summary tables", () => {
  const results = sampleResults();

  it("gives each operation's median and the state per Secret, with kubesecret's ratios to raw and bare", () => {
    const table = engineSummaryTable(results, 200)!;
    expect(table.split("\n")[0]).toBe(
      "| N = 200, real engine | raw Secret | bare component | kubesecret | kubesecret / raw | kubesecret / bare |",
    );
    expect(row(table, "`pulumi up` (create)")).toEqual([
      "`pulumi up` (create)",
      "1.1 s",
      "1.7 s",
      "2.2 s",
      "2.00×",
      "1.33×",
    ]);
    expect(row(table, "state per Secret (its entry and its component's)").slice(1)).toEqual([
      "2.80 kB",
      "3.60 kB",
      "5.04 kB",
      "1.80×",
      "1.40×",
    ]);
    // up, up without checkpoints, preview, no-op up, destroy, state.
    expect(table.split("\n")).toHaveLength(2 + 6);
    expect(engineSummaryTable(results, 1000)).toBeUndefined();
  });

  it("adds writeOnly beside the default mode, with its ratio to the default mode, when the run measured it", () => {
    const table = engineSummaryTable(withWriteOnly(sampleResults()), 200)!;
    expect(table.split("\n")[0]).toBe(
      "| N = 200, real engine | raw Secret | bare component | kubesecret | writeOnly | kubesecret / raw | " +
        "kubesecret / bare | writeOnly / raw | writeOnly / bare | writeOnly / kubesecret |",
    );
    expect(row(table, "`pulumi up` (create)").slice(4)).toEqual(["2.4 s", "2.00×", "1.33×", "2.20×", "1.47×", "1.10×"]);
    expect(row(table, "state per Secret (its entry and its component's)").slice(4)).toEqual([
      "2.60 kB",
      "1.80×",
      "1.40×",
      "0.93×",
      "0.72×",
      "0.52×",
    ]);
    const full = engineTable(withWriteOnly(sampleResults()), 200)!;
    expect(full.split("\n")[0]).toContain("| writeOnly / raw | writeOnly / bare | writeOnly / kubesecret |");
    expect(row(full, "`pulumi destroy`").at(-1)).toBe("1.10×");
    expect(row(stateTable(withWriteOnly(sampleResults()), 200)!, "writeOnly").slice(4)).toEqual(["2.60 kB", "0.93×"]);
  });

  it("gives raw, bare and Secret under mocks at each N, per Secret and against raw", () => {
    const table = mocksSummaryTable(results)!;
    expect(row(table, "1000", "Secret")).toEqual(["1000", "Secret", "0.220 ms", "2.00×", "2.00×", "2.00×"]);
    expect(row(table, "100", "raw Secret").slice(2)).toEqual(["0.110 ms", "", "", ""]);
    expect(table.split("\n")).toHaveLength(2 + 2 * 3);
  });

  it("come first in the report, after its stamp", () => {
    const { markdown } = renderReport(results, "bench/results/x.json");
    const summary = markdown.indexOf("## Summary");
    expect(summary).toBeGreaterThan(0);
    expect(markdown.indexOf(engineSummaryTable(results, 200)!)).toBeGreaterThan(summary);
    expect(markdown.indexOf(mocksSummaryTable(results)!)).toBeGreaterThan(summary);
    expect(summary).toBeLessThan(markdown.indexOf("## Machine and versions"));
  });
});

describe("chart", () => {
  const spec = (ys: number[]) => ({
    title: "t <&>",
    xLabel: "N",
    yLabel: "ms",
    formatX: String,
    formatY: String,
    series: [
      { label: "raw", points: ys.map((y, i) => ({ x: 10 ** (i + 2), y, low: y * 0.9, high: y * 1.1 })) },
      { label: "kubesecret", points: ys.map((y, i) => ({ x: 10 ** (i + 2), y: 2 * y, low: 2 * y, high: 2 * y })) },
    ],
  });

  it("draws one line per series through every point, inside the drawing, with the labels escaped", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 4 }), (ys) => {
        const svg = lineChartSvg(spec(ys));
        const lines = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1]!.split(" "));
        expect(lines).toHaveLength(2);
        for (const points of lines) {
          expect(points).toHaveLength(ys.length);
          for (const [x, y] of points.map((p) => p.split(",").map(Number))) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(760);
            expect(y).toBeGreaterThanOrEqual(0);
            expect(y).toBeLessThanOrEqual(420);
          }
        }
        expect(svg).toContain("t &#60;&#38;&#62;");
        expect(svg).not.toMatch(/NaN|undefined|Infinity/);
      }),
    );
  });

  it("uses a log scale when x spans more than a decade", () => {
    expect(lineChartSvg(spec([1, 2, 3]))).toContain("N (log scale)");
    expect(lineChartSvg(spec([1]))).not.toContain("log scale");
  });

  it("fails when there is nothing to draw", () => {
    expect(() => lineChartSvg({ ...spec([]), series: [] })).toThrow(/at least one point/);
  });

  it("picks round ticks that reach past the largest value", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e9, noNaN: true }), (max) => {
        const ticks = niceTicks(max);
        expect(ticks[0]).toBe(0);
        expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
        expect(ticks.length).toBeLessThanOrEqual(12);
      }),
    );
    expect(niceTicks(9.3)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it("escapes every XML special character", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).not.toMatch(/[<>"'&](?!#)/);
  });
});

describe("renderReport", () => {
  it("writes the machine, the versions, every table and links the chart", () => {
    const report = renderReport(sampleResults(), "bench/results/x.json");
    expect(report.markdown).toContain("Test CPU, 2 CPUs (`nproc`), 24.0 GiB memory");
    expect(report.markdown).toContain("Node.js v24.21.0");
    expect(report.markdown).toContain("load average 1.5 at the start, 3.3 at the end");
    expect(report.markdown).toContain(`](${MOCKS_CHART})`);
    expect(report.markdown).toContain("### N = 200");
    expect(report.markdown).toContain(mocksTable(sampleResults()));
    expect(report.markdown).toContain(engineTable(sampleResults(), 200)!);
    expect(report.markdown).toContain(engineTable(sampleResults(), 200, "cpuMs")!);
    expect(report.charts.map((c) => c.file)).toEqual([MOCKS_CHART, MOCKS_CPU_CHART]);
    expect(report.markdown).toContain(`](${MOCKS_CPU_CHART})`);
    expect(report.charts[0]!.svg).toContain(">kubesecret.Secret</text>");
    expect(report.markdown).not.toMatch(/NaN|undefined/);
  });

  it("draws pulumi up per Secret against N, with the API floor, when the engine ran at two N", () => {
    const results = sampleResults();
    const engine = results.engine!;
    engine.runs.push(...engine.runs.map((r) => ({ ...r, n: 1000, samplesMs: r.samplesMs.map((ms) => ms * 5) })));
    engine.apiFloor.push({ n: 1000, createMs: [2500, 2600, 2700], deleteMs: [2000, 2100, 2200] });
    expect(engineChart(sampleResults())).toBeUndefined();
    const svg = engineChart(results)!;
    const labels = [...svg.matchAll(/<g class="series" data-label="([^"]+)"/g)].map((m) => m[1]);
    expect(labels).toEqual(["raw Secret", "bare component", "kubesecret", "API floor (create)"]);
    const report = renderReport(results, "r.json");
    expect(report.charts.map((c) => c.file)).toContain(ENGINE_CHART);
    expect(report.markdown).toContain("### N = 1000");
  });

  it("says why the real engine is absent", () => {
    const results = sampleResults();
    delete results.engine;
    results.skipped = "run with --mocks-only";
    expect(renderReport(results, "r.json").markdown).toContain("Not measured in this run: run with --mocks-only.");
  });
});
