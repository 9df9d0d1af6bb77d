import { onApiKeyChanged } from "@/lib/tenancy/tenant-change-listener";

/**
 * Verified API keys, remembered per process for a few seconds by the digest
 * of the secret (never the secret), so a busy key costs one database lookup
 * per API_KEY_CACHE_TTL_MS instead of one per request. A revocation (or any
 * change to the key's row but its last use) is announced at commit by a
 * trigger (atrium_api_key_changed, prisma/migrations/20261210020100_…) and
 * drops the entry in every process at once; this process's own revocations
 * drop it before they return. The TTL bounds the rest: a process whose
 * listening connection was down accepts a revoked key for at most that long.
 * Unknown and expired keys are not remembered. last_used_at is still noted at
 * most once a minute, by the lookups that do happen.
 */
export const API_KEY_CACHE_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

export type ApiKeyRow = { id: string; name: string; scope: string; tenant_id: string | null; permissions: string[]; expires_at: Date | null };
type Cache = { entries: Map<string, { row: ApiKeyRow; at: number }>; generation: number };

const globals = globalThis as unknown as { __atriumApiKeyCache?: Cache };

function cache(): Cache {
  if (!globals.__atriumApiKeyCache) {
    globals.__atriumApiKeyCache = { entries: new Map(), generation: 0 };
    onApiKeyChanged((keyId) => forgetApiKey(keyId));
  }
  return globals.__atriumApiKeyCache;
}

export function cachedApiKey(keyHash: string, now = Date.now()): ApiKeyRow | undefined {
  const c = cache();
  const hit = c.entries.get(keyHash);
  if (!hit) return undefined;
  if (now - hit.at < API_KEY_CACHE_TTL_MS) return hit.row;
  c.entries.delete(keyHash);
  return undefined;
}

/** The generation before a lookup: if a change was announced while it ran, its answer may be stale and is not kept. */
export const apiKeyCacheGeneration = (): number => cache().generation;

export function rememberApiKey(keyHash: string, row: ApiKeyRow, generationAtLookup: number, now = Date.now()): void {
  const c = cache();
  if (c.generation !== generationAtLookup) return;
  if (c.entries.size >= MAX_ENTRIES) c.entries.delete(c.entries.keys().next().value!);
  c.entries.set(keyHash, { row, at: now });
}

/** Drops a key (by id) or, with "*", every key. */
export function forgetApiKey(keyId: string): void {
  const c = cache();
  c.generation++;
  if (keyId === "*") return c.entries.clear();
  for (const [hash, e] of c.entries) if (e.row.id === keyId) c.entries.delete(hash);
}
