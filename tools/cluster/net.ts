/** Loopback networking of the local cluster: free ports, and HTTP(S) GETs for readiness checks. */
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { HOST } from "./state.ts";

/** `n` distinct ports of 127.0.0.1 that were free a moment ago. */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.unref();
          s.on("error", reject);
          s.listen({ host: HOST, port: 0, exclusive: true }, () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Whether 127.0.0.1:`port` can be listened on now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.unref();
    s.on("error", () => resolve(false));
    s.listen({ host: HOST, port, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

export interface GetOptions {
  /** CA bundle for https. */
  ca?: string | Buffer;
  /** Bearer token. */
  token?: string;
  timeoutMs?: number;
}

/** A GET of a URL on 127.0.0.1 (any other host is refused): its status and body. */
export function get(url: string, opts: GetOptions = {}): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  if (u.hostname !== HOST) return Promise.reject(new Error(`refusing to contact ${u.hostname}`));
  const timeoutMs = opts.timeoutMs ?? 3000;
  const request = u.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(
      u,
      {
        method: "GET",
        agent: false,
        ca: opts.ca,
        timeout: timeoutMs,
        headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout after ${timeoutMs}ms`)));
    req.on("error", reject);
    req.end();
  });
}
