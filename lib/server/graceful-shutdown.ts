import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { markDraining } from "@/lib/server/draining";

/** One piece of background work to stop. `msLeft` is what remains of the shutdown timeout; resolving "cut" says work was abandoned. */
export type ShutdownStep = { name: string; run: (msLeft: number) => Promise<unknown> };

export type ShutdownOptions = {
  /** SHUTDOWN_TIMEOUT_SECONDS: how long in-flight requests and running jobs get before they are cut off. */
  timeoutMs: number;
  /** Run alongside the HTTP drain (job workers: they finish their work while requests finish theirs). */
  stopWork?: ShutdownStep[];
  /** Run in order once requests and work are done (flush buffers, close pools): nothing may use them after. */
  cleanup?: ShutdownStep[];
  log?: (msg: string) => void;
};

export type ShutdownResult = {
  /** 0: everything finished in time; 1: the timeout cut requests or work off, or a step failed. */
  code: 0 | 1;
  /** Connections still open at the timeout, destroyed with whatever they were doing. */
  destroyedConnections: number;
  /** Steps that failed, ran past their bound or reported work cut off. */
  incompleteSteps: string[];
  durationMs: number;
};

export type GracefulShutdown = {
  /** Idempotent: a second signal gets the drain already under way. */
  shutdown(signal: string): Promise<ShutdownResult>;
  /** Responses not yet finished, across all connections. */
  inFlight(): number;
};

/** A cleanup step that hangs (a pool waiting on a dead server) must not keep the process forever. */
const CLEANUP_FLOOR_MS = 5_000;

function bounded(step: ShutdownStep, ms: number): Promise<"done" | "cut" | "failed"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"cut">((resolve) => {
    timer = setTimeout(() => resolve("cut"), ms);
  });
  const run = step.run(ms).then(
    (r) => (r === "cut" ? "cut" : "done") as "done" | "cut",
    () => "failed" as const,
  );
  return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Graceful shutdown for a node:http server. Install it before the server takes
 * requests: it counts each connection's unfinished responses. On shutdown it
 * marks the process draining (readiness answers 503), stops listening, closes
 * idle keep-alive connections, and answers the last response of every busy
 * connection with `Connection: close` so clients do not reuse it; requests
 * still in flight finish. After `timeoutMs` the remaining connections are
 * destroyed. Background work stops alongside; cleanup runs last.
 */
export function installGracefulShutdown(server: Server, opts: ShutdownOptions): GracefulShutdown {
  const log = opts.log ?? ((msg: string) => console.log(msg));
  const sockets = new Set<Socket>();
  const busy = new Map<Socket, number>();
  // The connection's most recent request: with pipelining, only its response may say "close" (Node drops what is queued behind one that does).
  const latest = new WeakMap<Socket, ServerResponse>();
  // Upgraded connections (the dev server's HMR WebSocket) carry no request to wait for.
  const upgraded = new Set<Socket>();
  let draining = false;
  let running: Promise<ShutdownResult> | null = null;
  let settle: (() => void) | null = null;

  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => {
      sockets.delete(socket);
      busy.delete(socket);
      if (draining && sockets.size === 0) settle?.();
    });
  });

  server.on("upgrade", (_req: IncomingMessage, socket: Socket) => {
    upgraded.add(socket);
    socket.once("close", () => upgraded.delete(socket));
  });

  server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    latest.set(socket, res);
    // Headers are written by writeHead (Node's implicit headers call it too): the moment to decide
    // whether this is the connection's last response.
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
      if (draining && latest.get(socket) === this && !this.headersSent) this.setHeader("Connection", "close");
      return writeHead.apply(this, args);
    } as ServerResponse["writeHead"];
    res.once("close", () => {
      const left = (busy.get(socket) ?? 1) - 1;
      busy.set(socket, left);
      // A response whose headers went out before the drain began kept the connection alive: end it now.
      if (draining && left === 0 && !socket.destroyed) socket.end();
    });
  });

  const inFlight = () => [...busy.values()].reduce((a, b) => a + b, 0);

  async function run(signal: string): Promise<ShutdownResult> {
    const started = Date.now();
    const deadline = started + opts.timeoutMs;
    const msLeft = () => Math.max(0, deadline - Date.now());
    draining = true;
    markDraining();
    log(`[shutdown] ${signal}: draining — readiness answers 503, no new connections; ${inFlight()} request(s) in flight, up to ${Math.round(opts.timeoutMs / 1000)} s to finish`);

    const httpDrained = new Promise<void>((resolve) => {
      settle = resolve;
      server.close(() => resolve());
      server.closeIdleConnections();
      for (const s of upgraded) s.destroy();
      if (sockets.size === 0) resolve();
    });
    const http = (async () => {
      let timer: NodeJS.Timeout | undefined;
      const inTime = await Promise.race([httpDrained.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), msLeft())))]);
      clearTimeout(timer);
      if (inTime) {
        log(`[shutdown] requests drained in ${Date.now() - started} ms`);
        return 0;
      }
      const cut = sockets.size;
      log(`[shutdown] timeout: destroying ${cut} connection(s) with ${inFlight()} request(s) still in flight`);
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      return cut;
    })();

    const incompleteSteps: string[] = [];
    const work = Promise.all(
      (opts.stopWork ?? []).map(async (step) => {
        const outcome = await bounded(step, msLeft() + 1_000);
        log(`[shutdown] ${step.name}: ${outcome === "done" ? "stopped" : outcome === "cut" ? "cut off at the timeout" : "failed"}`);
        if (outcome !== "done") incompleteSteps.push(step.name);
      }),
    );
    const [destroyedConnections] = await Promise.all([http, work]);

    for (const step of opts.cleanup ?? []) {
      const outcome = await bounded(step, Math.max(msLeft(), CLEANUP_FLOOR_MS));
      log(`[shutdown] ${step.name}: ${outcome === "done" ? "done" : outcome === "cut" ? "did not finish in time" : "failed"}`);
      if (outcome !== "done") incompleteSteps.push(step.name);
    }
    const code = destroyedConnections === 0 && incompleteSteps.length === 0 ? 0 : 1;
    const durationMs = Date.now() - started;
    log(`[shutdown] ${code === 0 ? "drained" : "stopped with work cut off"} in ${durationMs} ms; exit ${code}`);
    return { code, destroyedConnections, incompleteSteps, durationMs };
  }

  return {
    inFlight,
    shutdown(signal) {
      if (running) {
        log(`[shutdown] ${signal} again: already draining`);
        return running;
      }
      running = run(signal);
      return running;
    },
  };
}
