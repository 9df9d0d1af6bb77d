// Atrium's HTTP server: Next's documented custom server (`next({ dev })` behind
// node:http), so that something sees the socket before Next does. Each request's
// forwarding headers are rebuilt from the socket and TRUSTED_PROXY_COUNT and the
// client's address is handed to the app in x-atrium-client-ip
// (lib/http/forwarded-headers.ts); Next's own `next start` keeps whatever
// X-Forwarded-For / X-Forwarded-Host a client sends.
//
//   node --import tsx scripts/server.ts dev|start [-p PORT] [-H HOSTNAME]
//
// `npm run dev`, `npm start`, the e2e server and the benchmark all run it.
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const dev = positionals[0] === "dev";
if (!dev && positionals[0] !== "start") {
  console.error("usage: scripts/server.ts dev|start [-p PORT] [-H HOSTNAME]");
  process.exit(2);
}
// As `next dev` / `next start` do, before Next (or React) is loaded.
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
// Tells lib/http/client-ip.ts that x-atrium-client-ip comes from here, not from a client.
process.env.ATRIUM_SERVER = "1";

const { env } = await import("@/lib/env");
// The process's one logger (lib/observability/logger.ts); Next's bundles find it on globalThis.
const { log } = await import("@/lib/observability/logger");
const { normalizeForwardedHeaders } = await import("@/lib/http/forwarded-headers");
const trustedProxies = env.trustedProxyCount; // fails here, at start, when malformed
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;

const { installGracefulShutdown } = await import("@/lib/server/graceful-shutdown");
const { backgroundStopSteps } = await import("@/lib/server/stop-background-work");
const shutdownTimeoutMs = env.shutdownTimeoutSeconds * 1000; // fails here, at start, when malformed

const { default: next } = await import("next");
const server = createServer();
// Next's own name for this server is always localhost, whatever address it listens on (-H): Next builds the
// proxy's request URL on "localhost" but its own origin on the name given here, and a rewrite (every portal
// page) whose origin differs from its own is proxied over HTTP to that URL instead of served in-process —
// with -H 127.0.0.1 that loops through the proxy as an unknown host and hangs.
const app = next({ dev, dir: process.cwd(), hostname: "localhost", port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();
const { stopWork, cleanup } = backgroundStopSteps();
const lifecycle = installGracefulShutdown(server, {
  timeoutMs: shutdownTimeoutMs,
  log: (msg) => log.info({ component: "shutdown" }, msg),
  stopWork,
  // Next's close stops the dev bundler; pools close last, once nothing can use them.
  cleanup: [{ name: "Next", run: () => app.close() }, ...cleanup],
});

server.on("request", (req, res) => {
  normalizeForwardedHeaders(req.headers, req.socket as { remoteAddress?: string; encrypted?: boolean }, trustedProxies);
  handle(req, res).catch((err: unknown) => {
    log.error({ component: "server", method: req.method, path: req.url, err }, "request handler failed");
    if (!res.headersSent) res.statusCode = 500;
    res.end("Internal Server Error");
  });
});
// Next attaches its own upgrade listener (the dev server's HMR socket) on the first request; ours runs first.
server.prependListener("upgrade", (req) => {
  normalizeForwardedHeaders(req.headers, req.socket as { remoteAddress?: string; encrypted?: boolean }, trustedProxies);
});

server.listen(port, hostname, () => {
  log.info({ component: "server", mode: dev ? "dev" : "production", url: `http://${hostname ?? "localhost"}:${port}`, trusted_proxies: trustedProxies }, "Atrium server listening");
});

// SIGTERM/SIGINT: drain (lib/server/graceful-shutdown.ts) — readiness 503, no new connections,
// in-flight requests and jobs finish within SHUTDOWN_TIMEOUT_SECONDS — then exit 0, or 1 when the
// timeout cut something off. A second signal joins the drain already under way.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void lifecycle.shutdown(signal).then(
      (r) => process.exit(r.code),
      (err: unknown) => {
        log.error({ component: "shutdown", err }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}
