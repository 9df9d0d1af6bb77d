import { hostname } from "node:os";
import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/lib/env";
import { scrubSecrets } from "@/lib/observability/scrub-secrets";

export type { Logger };

/**
 * Field names whose values are credentials, at any depth: `{ headers: { authorization } }`,
 * `{ config: { smtpUrl } }`, `{ body: { admin_user: { password } } }`. A name that merely
 * looks like one (`token_expires_at`) loses its value too: cheaper than leaking.
 * (pino's own `redact` matches paths, and its wildcards cost ~0.3 ms a line here: too much for every request.)
 */
const SECRET_KEY = /pass(word|phrase)?|secret|token|authorization|cookie|api[-_]?key|credential|ticket|recovery|connection[-_]?string|(database|smtp)[-_]?url|private[-_]?key|signature|code_verifier|nonce/i;
const MAX_DEPTH = 6;

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A copy of `value` with secret-named fields replaced and secret-shaped text scrubbed; the caller's objects are never changed. */
function redact(value: unknown, depth: number): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
  if (value instanceof Error) return serializeError(value, depth);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? "[REDACTED]" : redact(v, depth + 1);
  return out;
}

/** The error serializer (type, message, stack, own fields, cause) with the same redaction. */
function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return redact(err, depth);
  // pino's serializer returns an object on its own prototype: spread into a plain one so redact walks it.
  return redact({ ...pino.stdSerializers.err(err) }, depth + 1);
}

/**
 * Atrium's logger: JSON lines, ISO time, level names, pid/hostname (and
 * ATRIUM_INSTANCE when set), redaction of secret-named fields, and scrubbing of
 * secret-shaped text in messages, top-level strings and errors. Exported for
 * tests, which hand it their own destination; the process uses `log`.
 */
export function createLogger(destination: DestinationStream, level: string = env.logLevel): Logger {
  const instance = env.instanceName;
  return pino(
    {
      level,
      base: { pid: process.pid, hostname: hostname(), ...(instance ? { instance } : {}) },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => redact(obj, 0) as Record<string, unknown>,
      },
      serializers: { err: (e: unknown) => serializeError(e), error: (e: unknown) => serializeError(e) },
      hooks: {
        logMethod(args, method) {
          for (let i = 0; i < args.length; i++) if (typeof args[i] === "string") args[i] = scrubSecrets(args[i] as string);
          // Without a message pino would use the error's own, unscrubbed: give it the scrubbed one.
          const first = args[0] as unknown;
          const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
          if (args.length === 1 && err instanceof Error) args.push(scrubSecrets(err.message));
          return method.apply(this, args as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

// Next bundles route handlers, pages and instrumentation separately; globalThis keeps one logger per
// process. Written synchronously to stdout (no transport worker): a line is out before a crash or kill -9.
// A test may set __atriumLogCapture to read the process's lines instead.
const globals = globalThis as unknown as { __atriumLogger?: Logger; __atriumLogCapture?: { write(line: string): void } };
if (!globals.__atriumLogger) {
  const stdout = pino.destination({ dest: 1, sync: true });
  globals.__atriumLogger = createLogger({ write: (line: string) => (globals.__atriumLogCapture ?? stdout).write(line) });
}

export const log: Logger = globals.__atriumLogger;
