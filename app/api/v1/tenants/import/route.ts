import { importTenant as importContract } from "@/lib/api-contracts/tenant-exports";
import { importTenant } from "@/lib/exports/import-tenant";
import { receiveArchive } from "@/lib/exports/receive-archive";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";

type Received = Awaited<ReturnType<typeof receiveArchive>>;
const uploads = new WeakMap<Request, Received>();

/**
 * The archive is the raw body, streamed to a temporary file after the caller
 * is authorised and the query (slug, name) has parsed, so a bad slug costs no upload.
 * Idempotency-Key compares the archive's digest and the query.
 */
async function readBody(req: Request) {
  const query = parseOrThrow(importContract.query, queryObject(new URL(req.url).searchParams));
  const received = await receiveArchive(req, importContract.maxBodyBytes);
  uploads.set(req, received);
  const text = JSON.stringify({ sha256: received.sha256, size: received.bytes, ...query });
  // Removed after the answer even when the handler never runs (an Idempotency-Key replay or conflict).
  return { json: JSON.parse(text) as unknown, text, release: received.cleanup };
}

export const POST = apiRoute(
  importContract,
  async ({ req, caller, query }) => {
    const received = uploads.get(req);
    const input = parseOrThrow(importContract.query, queryObject(query));
    if (!received) throw new Error("import body was not received");
    return success(await importTenant(caller, received.file, input), { status: 201 });
  },
  { readBody },
);
