import { Readable } from "node:stream";
import { downloadTenantExport } from "@/lib/api-contracts/tenant-exports";
import { withContract } from "@/lib/api-contracts/define-route";
import { openVerifiedExport } from "@/lib/exports/download-export";
import { queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { failure } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** The signed link is the credential (no session or key): the signature is checked before anything is looked up. */
export const GET = withContract<{ id: string; job_id: string }>(downloadTenantExport, async (req, ctx) => {
  try {
    const { id, job_id } = await ctx.params;
    const q = parseOrThrow(downloadTenantExport.query, queryObject(new URL(req.url).searchParams));
    const file = await openVerifiedExport(id, job_id, q.expires, q.signature);
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      headers: {
        "Content-Type": "application/gzip",
        "Content-Length": String(file.bytes),
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (err) {
    return failure(err);
  }
});
