/** Readiness checks of the cluster's processes, waited for with `eventually`. */
import { eventually } from "../wait.ts";
import { get } from "./net.ts";
import { type Started, exitedError, logTails } from "./processes.ts";

/** Whether etcd at `url` reports itself healthy. */
export async function etcdHealthy(url: string): Promise<boolean> {
  const r = await get(`${url}/health`, { timeoutMs: 1000 });
  return r.status === 200 && (JSON.parse(r.body) as { health?: string }).health === "true";
}

/** Whether the API server answers GET `path` with 200 (default /readyz). */
export async function apiAnswers(
  server: string,
  ca: string | Buffer,
  token: string,
  path = "/readyz",
): Promise<boolean> {
  return (await get(`${server}${path}`, { ca, token, timeoutMs: 2000 })).status === 200;
}

/** Waits for `check` until `deadline`, failing at once (with the log) when one of `started` exits. */
export function waitFor(
  what: string,
  check: () => Promise<boolean>,
  deadline: number,
  started: readonly Started[] = [],
) {
  return eventually(what, check, {
    deadline,
    intervalMs: 100,
    fatal: () => exitedError(started, what),
    detail: logTails(started),
  });
}
