import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { serializeMailSummary } from "@/lib/mail/serialize-mail";
import { listOutboxSchema } from "@/lib/schemas/mail";

/** The newest mails of every tenant, for the console's outbox. Metadata only: bodies need get-outbox-mail. */
export async function listOutbox(caller: Caller, input: unknown = {}) {
  authorize(caller, "tenants:read");
  const { status, limit } = parseOrThrow(listOutboxSchema, input);
  const rows = await withPlatformScope((tx) =>
    tx.mailOutbox.findMany({
      where: status ? { status } : {},
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      include: { tenant: { select: { id: true, name: true, slug: true } } },
    }),
  );
  return { mails: rows.map(serializeMailSummary) };
}
