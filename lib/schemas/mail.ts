import { z } from "zod";

export const MAIL_STATUSES = ["pending", "sent", "failed", "outbox"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const listOutboxSchema = z.strictObject({
  status: z.enum(MAIL_STATUSES).optional(),
  limit: z.number().int().min(1).max(200).default(100),
});

export const mailIdSchema = z.string().trim().min(1).max(64);
