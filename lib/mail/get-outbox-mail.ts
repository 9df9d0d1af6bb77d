import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { serializeMailDetail } from "@/lib/mail/serialize-mail";
import { mailIdSchema } from "@/lib/schemas/mail";

/**
 * One mail with its body. An unsent invitation's body holds a live accept
 * link, which is as good as inviting someone, so reading it takes what
 * inviting takes (tenants:update), not mere read access.
 */
export async function getOutboxMail(caller: Caller, rawId: string) {
  authorize(caller, "tenants:update");
  const id = parseOrThrow(mailIdSchema, rawId);
  const row = await withPlatformScope((tx) => tx.mailOutbox.findUnique({ where: { id }, include: { tenant: { select: { id: true, name: true, slug: true } } } }));
  if (!row) throw new AppError("not_found", `No mail with id ${id}`);
  return serializeMailDetail(row);
}
