"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { actionCaller } from "@/lib/auth/current-caller";
import { parseOrThrow } from "@/lib/http/errors";
import { inviteMembers, type InviteResult } from "@/lib/invitations/invite-members";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { reactivateMember, suspendMember } from "@/lib/members/change-member-status";
import { listMembers } from "@/lib/members/list-members";
import { removeMember } from "@/lib/members/remove-member";
import { listRoles } from "@/lib/roles/list-roles";
import type { RoleView } from "@/lib/roles/serialize-role";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

// Server actions of the Members tab. Each one: the caller (Origin + session)
// acting as platform staff, then one service call; the services validate their
// input with the API's Zod schemas and check permissions themselves.

const idSchema = z.string().min(1).max(100);

async function platformActor(): Promise<TenantActor> {
  return { kind: "platform", caller: await actionCaller() };
}

export type MemberList = Awaited<ReturnType<typeof listMembers>>;
export type MemberView = MemberList["members"][number];
export type InvitationView = Awaited<ReturnType<typeof listInvitations>>["invitations"][number];
export type { InviteResult, RoleView };

export async function listMembersAction(tenantId: unknown, query: unknown): Promise<ActionResult<MemberList>> {
  return runAction(async () => listMembers(await platformActor(), parseOrThrow(idSchema, tenantId), query));
}

export async function listRolesAction(tenantId: unknown): Promise<ActionResult<{ roles: RoleView[] }>> {
  return runAction(async () => listRoles(await platformActor(), parseOrThrow(idSchema, tenantId)));
}

export async function listInvitationsAction(tenantId: unknown): Promise<ActionResult<{ invitations: InvitationView[] }>> {
  return runAction(async () => listInvitations(await platformActor(), parseOrThrow(idSchema, tenantId)));
}

export async function changeMemberRoleAction(tenantId: unknown, userId: unknown, input: unknown): Promise<ActionResult<{ member: MemberView }>> {
  return runAction(async () => changeMemberRole(await platformActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, userId), input));
}

export async function changeMemberStatusAction(tenantId: unknown, userId: unknown, to: unknown): Promise<ActionResult<{ member: MemberView }>> {
  return runAction(async () => {
    const actor = await platformActor();
    const tid = parseOrThrow(idSchema, tenantId);
    const uid = parseOrThrow(idSchema, userId);
    return parseOrThrow(z.enum(["suspended", "active"]), to) === "suspended" ? suspendMember(actor, tid, uid) : reactivateMember(actor, tid, uid);
  });
}

export async function removeMemberAction(tenantId: unknown, userId: unknown): Promise<ActionResult<{ removed: boolean; user_id: string }>> {
  return runAction(async () => removeMember(await platformActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, userId)));
}

export async function inviteMembersAction(tenantId: unknown, input: unknown): Promise<ActionResult<{ results: InviteResult[] }>> {
  return runAction(async () => inviteMembers(await platformActor(), parseOrThrow(idSchema, tenantId), input));
}

export async function resendInvitationAction(tenantId: unknown, invitationId: unknown): Promise<ActionResult<{ invitation: InvitationView; token: string }>> {
  return runAction(async () => resendInvitation(await platformActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, invitationId)));
}

export async function revokeInvitationAction(tenantId: unknown, invitationId: unknown): Promise<ActionResult<{ invitation: InvitationView }>> {
  return runAction(async () => revokeInvitation(await platformActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, invitationId)));
}
