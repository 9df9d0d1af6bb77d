import http from "node:http";
import https from "node:https";
import type { WebhookAgents } from "@/lib/webhooks/address-policy";

export type SendResult = { statusCode: number | null; responseBody: string | null; durationMs: number; error: string | null; ok: boolean };

const KEEP_BYTES = 1024;

/**
 * One POST over node:http(s), through the address-filtering agents (global
 * fetch would ignore them): at most `timeoutMs` in all, redirects never
 * followed (a 3xx is a failure), the first 1 KB of the answer kept for the
 * delivery log. Never throws: refusals and network errors come back as `error`.
 */
export function sendWebhookRequest(url: string, headers: Record<string, string>, body: string, opts: { agents: WebhookAgents; timeoutMs: number }): Promise<SendResult> {
  const started = performance.now();
  const done = (r: Omit<SendResult, "durationMs" | "ok">): SendResult => ({ ...r, durationMs: Math.round(performance.now() - started), ok: r.error === null && r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300 });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Omit<SendResult, "durationMs" | "ok">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(r));
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return finish({ statusCode: null, responseBody: null, error: "Invalid URL" });
    }
    const secure = target.protocol === "https:";
    const lib = secure ? https : http;
    const req = lib.request(target, { method: "POST", agent: secure ? opts.agents.https : opts.agents.http, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on("data", (c: Buffer) => {
        if (kept < KEEP_BYTES) {
          chunks.push(c.subarray(0, KEEP_BYTES - kept));
          kept += Math.min(c.length, KEEP_BYTES - kept);
        }
      });
      res.on("error", (err) => finish({ statusCode: res.statusCode ?? null, responseBody: null, error: err.message }));
      res.on("end", () => {
        const status = res.statusCode ?? null;
        const text = Buffer.concat(chunks).toString("utf8");
        const redirect = status !== null && status >= 300 && status < 400 ? `Redirect not followed (${status} to ${res.headers.location ?? "nowhere"})` : null;
        finish({ statusCode: status, responseBody: text, error: redirect });
      });
    });
    const timer = setTimeout(() => {
      const err = `Timed out after ${opts.timeoutMs / 1000} s`;
      req.destroy(new Error(err));
      finish({ statusCode: null, responseBody: null, error: err });
    }, opts.timeoutMs);
    req.on("error", (err) => finish({ statusCode: null, responseBody: null, error: err.message }));
    req.end(body);
  });
}
