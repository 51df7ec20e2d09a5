import { describe, expect, it } from "vitest";
import { type CpuProfile, packageOf, profileTables, summarizeProfile } from "../../bench/report/profile.ts";

const frame = (id: number, functionName: string, url: string) => ({
  id,
  callFrame: { functionName, url, lineNumber: 9 },
});

/** 100 ms in all: 50 in kubesecret, 30 in @pulumi/pulumi, 20 in GC. */
const profile: CpuProfile = {
  nodes: [
    frame(1, "(root)", ""),
    frame(2, "validate", "file:///tmp/lib/node_modules/kubesecret/bin/pipeline.js"),
    frame(3, "serializeProperty", "file:///tmp/lib/node_modules/@pulumi/pulumi/runtime/rpc.js"),
    frame(4, "(garbage collector)", ""),
  ],
  startTime: 0,
  endTime: 100_000,
  samples: [2, 3, 2, 4, 2],
  timeDeltas: [20_000, 30_000, 20_000, 20_000, 10_000],
};

describe("packageOf", () => {
  it.each([
    ["file:///x/node_modules/@pulumi/pulumi/runtime/rpc.js", "f", "@pulumi/pulumi"],
    ["file:///x/node_modules/a/node_modules/google-protobuf/x.js", "f", "google-protobuf"],
    ["node:internal/timers", "f", "Node.js"],
    ["", "(garbage collector)", "V8 (garbage collector)"],
    ["", "parse", "V8 (native)"],
    ["file:///work/main/bench/mocks/child.ts", "f", "bench harness"],
  ])("puts %s in %s", (url, fn, pkg) => {
    expect(packageOf(url, fn)).toBe(pkg === "f" ? fn : pkg);
  });
});

describe("summarizeProfile", () => {
  it("adds each sample's time to its function and package", () => {
    const summary = summarizeProfile(profile);
    expect(summary.totalMs).toBe(100);
    expect(summary.byPackage).toEqual([
      { name: "kubesecret", selfMs: 50, share: 0.5 },
      { name: "@pulumi/pulumi", selfMs: 30, share: 0.3 },
      { name: "V8 (garbage collector)", selfMs: 20, share: 0.2 },
    ]);
    expect(summary.topFunctions[0]).toEqual({ name: "validate (kubesecret: pipeline.js:10)", selfMs: 50, share: 0.5 });
    expect(profileTables(summary)).toContain("| kubesecret | 50 ms | 50.0 % |");
  });

  it("fails when a sample names a node the profile lacks", () => {
    expect(() => summarizeProfile({ ...profile, samples: [9, 2, 2, 2, 2] })).toThrow(/node 9/);
  });

  it("fails when samples and time deltas differ in length", () => {
    expect(() => summarizeProfile({ ...profile, timeDeltas: [1] })).toThrow(/differ in length/);
  });
});
