/**
 * A small self-contained SVG line chart: one line per series through the medians, a bar from min
 * to max at each point, a logarithmic x axis when x spans more than a decade. No scripts, no
 * external fonts or styles, so it renders the same on GitHub and in a browser.
 */

export interface ChartPoint {
  x: number;
  y: number;
  low: number;
  high: number;
}

export interface ChartSeries {
  label: string;
  points: ChartPoint[];
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  formatX: (x: number) => string;
  formatY: (y: number) => string;
}

const WIDTH = 760;
const HEIGHT = 420;
const MARGIN = { top: 48, right: 210, bottom: 56, left: 78 };
const COLORS = ["#6b7280", "#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#be185d"];

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** About `count` round tick values from 0 to at least `max` (1, 2 or 5 times a power of ten apart). */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let i = 0; i * step < max + step * 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

/** The chart as an SVG document; fails when there is nothing to draw. */
export function lineChartSvg(spec: ChartSpec): string {
  const points = spec.series.flatMap((s) => s.points);
  if (points.length === 0) throw new Error("a chart needs at least one point");
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const [xMin, xMax] = [xs[0]!, xs[xs.length - 1]!];
  const logX = xMin > 0 && xMax / xMin > 10;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const fx = logX ? Math.log10 : (v: number) => v;
  const span = fx(xMax) - fx(xMin);
  const sx = (x: number) => MARGIN.left + (span === 0 ? plotW / 2 : ((fx(x) - fx(xMin)) / span) * plotW);
  const yTicks = niceTicks(Math.max(...points.map((p) => p.high)));
  const yTop = yTicks[yTicks.length - 1]!;
  const sy = (y: number) => MARGIN.top + plotH - (y / yTop) * plotH;
  const n = (v: number) => v.toFixed(1);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="28" font-size="15" font-weight="bold">${escapeXml(spec.title)}</text>`,
  ];
  for (const t of yTicks) {
    out.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${n(sy(t))}" y2="${n(sy(t))}" stroke="#e5e7eb"/>`,
      `<text x="${MARGIN.left - 8}" y="${n(sy(t) + 4)}" text-anchor="end">${escapeXml(spec.formatY(t))}</text>`,
    );
  }
  for (const x of xs) {
    out.push(
      `<line x1="${n(sx(x))}" x2="${n(sx(x))}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#f3f4f6"/>`,
      `<text x="${n(sx(x))}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${escapeXml(spec.formatX(x))}</text>`,
    );
  }
  out.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#9ca3af"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 14}" text-anchor="middle">${escapeXml(spec.xLabel)}${logX ? " (log scale)" : ""}</text>`,
    `<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
  );
  spec.series.forEach((series, i) => {
    const color = COLORS[i % COLORS.length]!;
    const sorted = [...series.points].sort((a, b) => a.x - b.x);
    const path = sorted.map((p) => `${n(sx(p.x))},${n(sy(p.y))}`).join(" ");
    out.push(`<g class="series" data-label="${escapeXml(series.label)}">`);
    out.push(`<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const p of sorted) {
      const cx = n(sx(p.x));
      out.push(`<line x1="${cx}" x2="${cx}" y1="${n(sy(p.low))}" y2="${n(sy(p.high))}" stroke="${color}"/>`);
      out.push(`<circle cx="${cx}" cy="${n(sy(p.y))}" r="3.5" fill="${color}"/>`);
    }
    out.push("</g>");
    const ly = MARGIN.top + 10 + i * 20;
    const lx = MARGIN.left + plotW + 16;
    out.push(
      `<line x1="${lx}" x2="${lx + 22}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${lx + 28}" y="${ly + 4}">${escapeXml(series.label)}</text>`,
    );
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
