import { hostname } from "node:os";
import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/lib/env";
import { scrubSecrets } from "@/lib/observability/scrub-secrets";

export type { Logger };

/**
 * Field names whose values are credentials wherever they appear (top level or
 * up to three objects deep: `{ headers: { authorization } }`, `{ err: { config: { password } } }`).
 * pino's redaction matches paths, not names, so each name is listed at each depth.
 */
const SECRET_KEYS = [
  "authorization",
  "cookie",
  "set-cookie",
  "password",
  "newPassword",
  "new_password",
  "currentPassword",
  "passwordHash",
  "password_hash",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "idToken",
  "id_token",
  "ticket",
  "credentials",
  "secret",
  "clientSecret",
  "client_secret",
  "apiKey",
  "api_key",
  "keyHash",
  "key_hash",
  "totpSecret",
  "recoveryCodes",
  "recovery_codes",
  "code_verifier",
  "connectionString",
  "databaseUrl",
  "DATABASE_URL",
  "smtpUrl",
  "SMTP_URL",
  "NEXTAUTH_SECRET",
];

const segment = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const s = segment(key);
  return [s.startsWith(".") ? key : s, `*${s}`, `*.*${s}`, `*.*.*${s}`];
});

/** The error serializer (message, type, stack, own fields) with credentials blanked out of the text. */
function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return typeof err === "string" ? scrubSecrets(err) : err;
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) if (typeof v === "string") out[k] = scrubSecrets(v);
  return out;
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
        log: (obj) => {
          for (const [k, v] of Object.entries(obj)) if (typeof v === "string") obj[k] = scrubSecrets(v);
          return obj;
        },
      },
      serializers: { err: serializeError, error: serializeError },
      redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
      hooks: {
        logMethod(args, method) {
          for (let i = 0; i < args.length; i++) if (typeof args[i] === "string") args[i] = scrubSecrets(args[i] as string);
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
