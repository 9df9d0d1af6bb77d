import pg from "pg";
import { env } from "@/lib/env";

type Listener = (tenantId: string) => void;
const globals = globalThis as unknown as { __atriumTenantListeners?: Set<Listener>; __atriumListenClient?: Promise<void> };

/**
 * Subscribes to the `atrium_tenant_changed` notifications that a trigger on
 * `tenants` sends on every insert, update and delete — from this process,
 * another instance, or a script. One LISTEN connection per process.
 */
export function onTenantChanged(listener: Listener): void {
  (globals.__atriumTenantListeners ??= new Set()).add(listener);
  globals.__atriumListenClient ??= connect();
}

async function connect(): Promise<void> {
  const client = new pg.Client({ connectionString: env.databaseUrl });
  const retry = () => {
    globals.__atriumListenClient = undefined;
    // Until we listen again, anything cached may be stale: tell listeners to drop it all.
    for (const l of globals.__atriumTenantListeners ?? []) l("*");
    setTimeout(() => {
      globals.__atriumListenClient ??= connect();
    }, 1000).unref();
  };
  client.on("notification", (msg) => {
    for (const l of globals.__atriumTenantListeners ?? []) l(msg.payload ?? "*");
  });
  client.on("error", () => {
    client.end().catch(() => undefined);
    retry();
  });
  try {
    await client.connect();
    await client.query("LISTEN atrium_tenant_changed");
  } catch {
    retry();
  }
}
