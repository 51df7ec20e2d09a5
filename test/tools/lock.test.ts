import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockHolder, withLock } from "../../tools/lock.ts";
import { sleep } from "../../tools/wait.ts";

let dir = "";
let lock = "";
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubesecret-lock-test-"));
  lock = path.join(dir, "state.lock");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has exited (and been reaped): certainly not alive. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(pid.stdout);
}

/** Makes a lock directory as another process would have left it. */
function plantLock(owner: number | undefined, ageMs = 0): void {
  fs.mkdirSync(lock);
  if (owner !== undefined) fs.writeFileSync(path.join(lock, "owner"), String(owner));
  const when = (Date.now() - ageMs) / 1000;
  fs.utimesSync(lock, when, when);
}

describe("withLock", () => {
  it("records the holder's pid while held and removes the lock afterwards", async () => {
    const seen = await withLock(lock, { timeoutMs: 1000 }, async () => lockHolder(lock));
    expect(seen).toBe(process.pid);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("lets one holder in at a time", async () => {
    const events: string[] = [];
    const hold = (name: string) =>
      withLock(lock, { timeoutMs: 5000, pollMs: 5 }, async () => {
        events.push(`${name} in`);
        await sleep(30);
        events.push(`${name} out`);
      });
    await Promise.all([hold("a"), hold("b"), hold("c")]);
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i + 1]).toBe(events[i]!.replace(" in", " out"));
    }
  });

  it("releases the lock when the function throws", async () => {
    await expect(withLock(lock, { timeoutMs: 1000 }, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("takes over a lock whose holder is dead (stale)", async () => {
    plantLock(deadPid());
    const holder = await withLock(lock, { timeoutMs: 1000 }, async () => lockHolder(lock));
    expect(holder).toBe(process.pid);
  });

  it("takes over a lock without an owner once it is older than unclaimedStaleMs (stale)", async () => {
    plantLock(undefined, 60_000);
    await expect(withLock(lock, { timeoutMs: 1000, unclaimedStaleMs: 10_000 }, async () => "taken")).resolves.toBe(
      "taken",
    );
  });

  it("fails when a live process holds the lock past the timeout, naming its pid", async () => {
    plantLock(process.ppid);
    const waited = withLock(lock, { timeoutMs: 100, pollMs: 10 }, async () => "never");
    await expect(waited).rejects.toThrow(`is held by pid ${process.ppid}`);
    expect(lockHolder(lock)).toBe(process.ppid);
  });

  it("fails when a fresh lock without an owner is not released in time (its maker is starting up)", async () => {
    plantLock(undefined);
    const waited = withLock(lock, { timeoutMs: 100, pollMs: 10, unclaimedStaleMs: 10_000 }, async () => "never");
    await expect(waited).rejects.toThrow("is held by a process starting up");
  });
});
