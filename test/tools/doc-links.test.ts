/**
 * The documentation's relative links lead somewhere: every link in README.md, DEVELOPMENT.md and
 * docs/*.md to a repository file names one that exists, and every `#anchor` names a heading of
 * its target (GitHub's anchors). Moving a section between pages breaks links; this finds them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../tools/repo.ts";

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors of a Markdown page's headings (outside code blocks), with GitHub's `-1` suffixes. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const base = headingAnchor(heading[1]!);
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** Relative link targets of a Markdown page (inline links outside code). */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/i.test(t));
}

/** The broken links of `file` (relative to `root`), each as `file: target (why)`. */
function brokenLinks(root: string, file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  return relativeLinks(text).flatMap((target) => {
    const [pathPart, anchor] = target.split("#") as [string, string | undefined];
    const resolved = pathPart === "" ? path.join(root, file) : path.join(root, path.dirname(file), pathPart);
    if (!fs.existsSync(resolved)) return [`${file}: ${target} (no such file)`];
    if (anchor === undefined || !resolved.endsWith(".md")) return [];
    return anchorsOf(fs.readFileSync(resolved, "utf8")).has(anchor) ? [] : [`${file}: ${target} (no such heading)`];
  });
}

const PAGES = [
  "README.md",
  "DEVELOPMENT.md",
  ...fs
    .readdirSync(path.join(REPO_ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

describe("headingAnchor and relativeLinks", () => {
  it("make GitHub's anchors", () => {
    expect(headingAnchor("Names: `name`, `generateName`, or neither")).toBe("names-name-generatename-or-neither");
    expect(headingAnchor("Security and failure behaviour (tested end to end)")).toBe(
      "security-and-failure-behaviour-tested-end-to-end",
    );
    expect([...anchorsOf("# A\n```\n# not a heading\n```\n## A\n")]).toEqual(["a", "a-1"]);
  });

  it("find relative links outside code, not web links", () => {
    const page = "[a](docs/x.md#y) [b](https://e.org) `[c](no.md)`\n```\n[d](no.md)\n```\n[e](#here)";
    expect(relativeLinks(page)).toEqual(["docs/x.md#y", "#here"]);
  });
});

describe("links in the documentation", () => {
  it.each(PAGES)("%s: every relative link names an existing file and heading", (file) => {
    expect(brokenLinks(REPO_ROOT, file)).toEqual([]);
  });

  it("fails when a link names a missing file or heading", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-links-test-"));
    try {
      fs.mkdirSync(path.join(root, "docs"));
      fs.writeFileSync(path.join(root, "docs", "other.md"), "# Other\n\n## There\n");
      fs.writeFileSync(
        path.join(root, "docs", "page.md"),
        "# Here\n\n[a](missing.md) [b](other.md#no-such) [c](#here) [d](other.md#there) [e](../docs)\n",
      );
      expect(brokenLinks(root, "docs/page.md")).toEqual([
        "docs/page.md: missing.md (no such file)",
        "docs/page.md: other.md#no-such (no such heading)",
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
