// `npm start`: production server against DATABASE_URL, after applying any new migrations.
import { spawn } from "node:child_process";
import { migrate } from "@/lib/db/migrate";

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL must be set for npm start (npm run dev uses an embedded database instead).");
  process.exit(1);
}
if (!process.env.NEXTAUTH_SECRET) {
  console.error("NEXTAUTH_SECRET must be set for npm start (e.g. `openssl rand -base64 32`).");
  process.exit(1);
}
const { log } = await import("@/lib/observability/logger");
await migrate(process.env.DATABASE_URL, { log: (m) => log.info({ component: "db" }, m) });
const port = process.env.PORT ?? "3000";
// Atrium's server (Next's production server behind node:http; see scripts/server.ts).
const next = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts", "start", "-p", port], {
  stdio: "inherit",
  env: { ...process.env, APP_ROOT_DOMAIN: process.env.APP_ROOT_DOMAIN ?? `localhost:${port}`, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => next.kill(sig));
next.on("exit", (code) => process.exit(code ?? 0));
