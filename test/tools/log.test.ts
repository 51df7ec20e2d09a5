import { describe, expect, it, vi } from "vitest";
import { makeLogger, secs } from "../../tools/log.ts";
import { eventually, sleep } from "../../tools/wait.ts";

describe("secs", () => {
  it.each([
    [0, "0.0s"],
    [49, "0.0s"],
    [1234, "1.2s"],
    [61_000, "61.0s"],
  ])("%d ms reads %s", (ms, text) => {
    expect(secs(ms)).toBe(text);
  });
});

describe("makeLogger", () => {
  it("passes messages to the caller's function", () => {
    const seen: string[] = [];
    makeLogger((m) => seen.push(m), "x")("hello");
    expect(seen).toEqual(["hello"]);
  });

  it("writes `[prefix] message` lines to stderr by default, and nothing for false", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      makeLogger(undefined, "cluster")("started");
      makeLogger(false, "cluster")("silent");
      expect(write.mock.calls).toEqual([["[cluster] started\n"]]);
    } finally {
      write.mockRestore();
    }
  });
});

describe("eventually", () => {
  it("returns the first truthy result, trying again after errors and falsy results", async () => {
    let calls = 0;
    const value = await eventually(
      "the third try",
      () => {
        calls += 1;
        if (calls === 1) throw new Error("not yet");
        return calls === 3 ? "done" : undefined;
      },
      { intervalMs: 1 },
    );
    expect([value, calls]).toEqual(["done", 3]);
  });

  it("fails when the time is up, naming what it waited for and the last error", async () => {
    const failing = eventually("the moon", () => Promise.reject(new Error("no moon")), {
      timeoutMs: 30,
      intervalMs: 5,
    });
    await expect(failing).rejects.toThrow(/timed out: the moon \(last error: no moon\)/);
  });

  it("fails at once when `fatal` reports an error", async () => {
    const t = Date.now();
    const failing = eventually("anything", () => sleep(1).then(() => false), {
      timeoutMs: 10_000,
      fatal: () => (Date.now() - t > 20 ? new Error("process died") : undefined),
    });
    await expect(failing).rejects.toThrow("process died");
    expect(Date.now() - t).toBeLessThan(5000);
  });
});
