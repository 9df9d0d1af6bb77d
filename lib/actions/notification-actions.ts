"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { actionCaller } from "@/lib/auth/current-caller";
import { env } from "@/lib/env";
import { parseOrThrow } from "@/lib/http/errors";
import { listInbox, markAllRead, markRead, memberInbox, staffInbox, type Inbox, type InboxOwner } from "@/lib/notifications/inbox";
import { actionTenantActor } from "@/lib/portal/action-actor";

// The bell and the notifications page on both hosts: staff notices on the console, the member's own inbox on a tenant's portal.

async function owner(): Promise<InboxOwner> {
  const host = ((await headers()).get("host") ?? "").toLowerCase();
  return host === env.rootDomain ? staffInbox(await actionCaller()) : memberInbox(await actionTenantActor());
}

const limitSchema = z.number().int().min(1).max(100);
const idsSchema = z.array(z.string().min(1).max(64)).min(1).max(200);

export async function inboxAction(limit: unknown): Promise<ActionResult<Inbox>> {
  return runAction("notification.inbox", async () => listInbox(await owner(), { limit: parseOrThrow(limitSchema, limit) }));
}

export async function markReadAction(ids: unknown): Promise<ActionResult<{ unread: number }>> {
  return runAction("notification.markRead", async () => markRead(await owner(), parseOrThrow(idsSchema, ids)));
}

export async function markAllReadAction(): Promise<ActionResult<{ unread: number }>> {
  return runAction("notification.markAllRead", async () => markAllRead(await owner()));
}
