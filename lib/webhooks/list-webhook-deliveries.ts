import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { webhookDeliveriesQuerySchema } from "@/lib/schemas/webhooks";
import { serializeDelivery, type WebhookDeliveryView } from "@/lib/webhooks/serialize-webhook";
import { findEndpointOrThrow, withWebhookScope, type WebhookOwner } from "@/lib/webhooks/webhook-scope";

const encodeCursor = (createdAt: Date, id: string) => Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString("base64url");

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const createdAt = new Date(at);
    if (typeof id !== "string" || Number.isNaN(createdAt.getTime())) throw new Error("bad");
    return { createdAt, id };
  } catch {
    throw new AppError("invalid_request", "The cursor is not one this API gave", [{ path: "cursor", message: "Use next_cursor from the previous page" }]);
  }
}

/** The endpoint's deliveries, newest first, each with its attempts; keyset-paginated on (created_at, id) so a deep page costs what the first does. */
export async function listWebhookDeliveries(owner: WebhookOwner, endpointId: string, query: unknown): Promise<{ deliveries: WebhookDeliveryView[]; next_cursor: string | null }> {
  return withWebhookScope(owner, async (s) => {
    const q = parseOrThrow(webhookDeliveriesQuerySchema, query);
    const endpoint = await findEndpointOrThrow(s, endpointId);
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const where: Prisma.WebhookMessageWhereInput = {
      endpointId: endpoint.id,
      ...(q.status ? { status: q.status } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    };
    const rows = await s.tx.webhookMessage.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: q.limit + 1,
      include: { attemptRows: { orderBy: { attemptedAt: "asc" } } },
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { deliveries: page.map(serializeDelivery), next_cursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null };
  });
}
