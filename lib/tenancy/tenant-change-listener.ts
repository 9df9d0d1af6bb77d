import pg from "pg";
import { env } from "@/lib/env";

type Listener = (tenantId: string) => void;
const globals = globalThis as unknown as { __atriumTenantListeners?: Set<Listener>; __atriumApiKeyListeners?: Set<Listener>; __atriumListenClient?: Promise<void> };

/**
 * Subscribes to the `atrium_tenant_changed` notifications that a trigger on
 * `tenants` sends on every insert, update and delete — from this process,
 * another instance, or a script. One LISTEN connection per process.
 */
export function onTenantChanged(listener: Listener): void {
  (globals.__atriumTenantListeners ??= new Set()).add(listener);
  globals.__atriumListenClient ??= connect();
}

/**
 * The same connection's `atrium_api_key_changed` (a key revoked, re-scoped or
 * deleted: lib/auth/api-key-cache.ts); "*" when notifications may have been missed.
 */
export function onApiKeyChanged(listener: Listener): void {
  (globals.__atriumApiKeyListeners ??= new Set()).add(listener);
  globals.__atriumListenClient ??= connect();
}

const everyListener = () => [...(globals.__atriumTenantListeners ?? []), ...(globals.__atriumApiKeyListeners ?? [])];

async function connect(): Promise<void> {
  const client = new pg.Client({ connectionString: env.databaseUrl });
  const retry = () => {
    globals.__atriumListenClient = undefined;
    // Until we listen again, anything cached may be stale: tell listeners to drop it all.
    for (const l of everyListener()) l("*");
    setTimeout(() => {
      globals.__atriumListenClient ??= connect();
    }, 1000).unref();
  };
  client.on("notification", (msg) => {
    const listeners = msg.channel === "atrium_api_key_changed" ? globals.__atriumApiKeyListeners : globals.__atriumTenantListeners;
    for (const l of listeners ?? []) l(msg.payload ?? "*");
  });
  client.on("error", () => {
    client.end().catch(() => undefined);
    retry();
  });
  try {
    await client.connect();
    await client.query("LISTEN atrium_tenant_changed");
    await client.query("LISTEN atrium_api_key_changed");
  } catch {
    retry();
  }
}
