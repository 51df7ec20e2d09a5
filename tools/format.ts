/** Formats the bench's report and the compatibility page share: byte sizes and Markdown tables. */

/** Bytes in decimal units: "2.8 kB", "61.9 MB". */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs < 1000) return `${bytes.toFixed(0)} B`;
  if (abs < 1e6) return `${(bytes / 1e3).toFixed(abs < 1e4 ? 2 : 1)} kB`;
  if (abs < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** A Markdown table; `|` in cells is escaped. The first column is left-aligned, the rest right. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  for (const row of rows) {
    if (row.length !== headers.length) throw new Error(`a row has ${row.length} cells, the header ${headers.length}`);
  }
  const cell = (text: string) => text.replaceAll("|", "\\|");
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  const rule = `|${headers.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}
