import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { newId } from "@/lib/ids";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditInput = {
  tenantId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  /** What the target is called now (tenant name, member email, role name, domain, key name), kept for readers after it changes or goes. */
  targetLabel?: string | null;
  before?: unknown;
  after?: unknown;
};

const json = (v: unknown) => (v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue));

/** Written inside the caller's transaction, so the change and its record commit together. */
export async function recordAuditEvent(tx: Tx, caller: Caller, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      id: newId("evt"),
      tenantId: input.tenantId,
      actorType: caller.kind,
      actorId: caller.id,
      actorLabel: caller.label,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      targetLabel: input.targetLabel?.slice(0, 500) ?? null,
      before: json(input.before),
      after: json(input.after),
      ip: caller.meta.ip,
      userAgent: caller.meta.userAgent?.slice(0, 500) ?? null,
      requestId: caller.meta.requestId,
    },
  });
}
