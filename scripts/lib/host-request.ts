import http from "node:http";
import https from "node:https";

export type HostResponse = { status: number; headers: http.IncomingHttpHeaders; body: string; json<T = unknown>(): T };

/**
 * One HTTP(S) request to `origin` (where to connect: "http://127.0.0.1:3411",
 * "https://127.0.0.1:3414") with the Host header and TLS server name of
 * `host`, so tests can reach `<slug>.localhost` or a custom domain on
 * loopback without DNS (Node does not resolve *.localhost). fetch cannot
 * set Host; node:http can. No keep-alive: every call is its own connection,
 * so a round-robin proxy sees each one afresh.
 */
export function hostRequest(
  origin: string,
  o: { host: string; path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer; ca?: string; timeoutMs?: number },
): Promise<HostResponse> {
  const url = new URL(o.path, origin);
  const secure = url.protocol === "https:";
  const headers: Record<string, string> = { host: o.host, ...o.headers };
  if (o.body !== undefined) headers["content-length"] = String(Buffer.byteLength(o.body));
  const options: https.RequestOptions = {
    method: o.method ?? "GET",
    hostname: url.hostname,
    port: url.port,
    path: `${url.pathname}${url.search}`,
    headers,
    agent: false,
    timeout: o.timeoutMs ?? 30_000,
    ...(secure ? { servername: o.host.replace(/:\d+$/, ""), ca: o.ca } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T });
      });
    });
    req.on("timeout", () => req.destroy(new Error(`${options.method} ${origin}${o.path} (Host ${o.host}) timed out`)));
    req.on("error", reject);
    req.end(o.body);
  });
}
