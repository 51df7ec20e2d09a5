/**
 * Release versions as the npm registry lists them, and which ones the compatibility run picks:
 * the lowest and the highest published release a range allows.
 */

/** A release version `major.minor.patch` (no prerelease, no build metadata). */
const RELEASE = /^(\d+)\.(\d+)\.(\d+)$/;

/** Whether `version` is a plain release (prereleases and builds are never picked). */
export function isRelease(version: string): boolean {
  return RELEASE.test(version);
}

function parts(version: string): [number, number, number] {
  const match = RELEASE.exec(version);
  if (!match) throw new Error(`not a release version: ${JSON.stringify(version)}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Orders two release versions numerically (negative when `a` is older). */
export function compareVersions(a: string, b: string): number {
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const diff = pa[i]! - pb[i]!;
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * The release versions in what `npm view <name>@<range> version --json` prints: one JSON string
 * when a single version matches, an array when several do, nothing (empty output) when none do.
 * Sorted oldest first.
 */
export function parseVersionList(npmViewJson: string): string[] {
  const text = npmViewJson.trim();
  if (text === "") return [];
  const value: unknown = JSON.parse(text);
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || !list.every((v): v is string => typeof v === "string")) {
    throw new Error(`npm view printed neither a version nor a list of versions: ${text.slice(0, 200)}`);
  }
  return list.filter(isRelease).sort(compareVersions);
}

/** The oldest and the newest of `versions` (the same one when only one is published). */
export function extremes(versions: readonly string[], what: string): { oldest: string; newest: string } {
  const sorted = versions.filter(isRelease).sort(compareVersions);
  if (sorted.length === 0) throw new Error(`the registry publishes no release of ${what}`);
  return { oldest: sorted[0]!, newest: sorted[sorted.length - 1]! };
}

/**
 * The lowest major version an `engines.node` range admits: the smallest major among the lower
 * bounds of its alternatives (`>=22`, `^22.12.0 || >=24`, `22.x`). Fails on forms it cannot read
 * with certainty (`>22`, `<24`, `*`) rather than guessing.
 */
export function lowestMajor(range: string): number {
  const majors = range.split("||").map((alternative) => {
    const match = /^(?:>=|\^|~|=)?\s*v?(\d+)(?:\.(?:\d+|x|\*)){0,2}(?:\s|$)/.exec(alternative.trim());
    if (!match) throw new Error(`cannot read a lowest Node.js major from ${JSON.stringify(range)}`);
    return Number(match[1]);
  });
  return Math.min(...majors);
}
