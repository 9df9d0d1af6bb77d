"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { actionTenantActor } from "@/lib/portal/action-actor";
import { parseOrThrow } from "@/lib/http/errors";
import { inviteMembers, withoutTokens } from "@/lib/invitations/invite-members";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { reactivateMember, suspendMember } from "@/lib/members/change-member-status";
import { listMembers } from "@/lib/members/list-members";
import { removeMember } from "@/lib/members/remove-member";
import { createRole } from "@/lib/roles/create-role";
import { deleteRole } from "@/lib/roles/delete-role";
import { listRoles } from "@/lib/roles/list-roles";
import { previewRoleChange } from "@/lib/roles/preview-role-change";
import type { MemberPermissionChange } from "@/lib/roles/role-change-effects";
import { updateRole } from "@/lib/roles/update-role";
import type { RoleView } from "@/lib/roles/serialize-role";

// Server actions for members, roles and invitations, used by the console's
// Members tab and by the tenant portal. Each one: the actor this host allows
// (staff on the console host, the signed-in member on a tenant's host), then
// one service call; the services validate input with the API's Zod schemas
// and authorise in the data layer, so a tenant id from the browser that is not
// the member's own tenant reaches nothing.

const idSchema = z.string().min(1).max(100);
const actionActor = actionTenantActor;

export type MemberList = Awaited<ReturnType<typeof listMembers>>;
export type MemberView = MemberList["members"][number];
export type InvitationView = Awaited<ReturnType<typeof listInvitations>>["invitations"][number];
export type InviteResult = ReturnType<typeof withoutTokens>["results"][number];
export type { MemberPermissionChange, RoleView };

export async function listMembersAction(tenantId: unknown, query: unknown): Promise<ActionResult<MemberList>> {
  return runAction({ name: "member.listMembers", tenantId }, async () => listMembers(await actionActor(), parseOrThrow(idSchema, tenantId), query));
}

export async function listRolesAction(tenantId: unknown): Promise<ActionResult<{ roles: RoleView[] }>> {
  return runAction({ name: "member.listRoles", tenantId }, async () => listRoles(await actionActor(), parseOrThrow(idSchema, tenantId)));
}

export async function listInvitationsAction(tenantId: unknown): Promise<ActionResult<{ invitations: InvitationView[] }>> {
  return runAction({ name: "member.listInvitations", tenantId }, async () => listInvitations(await actionActor(), parseOrThrow(idSchema, tenantId)));
}

export async function changeMemberRoleAction(tenantId: unknown, userId: unknown, input: unknown): Promise<ActionResult<{ member: MemberView }>> {
  return runAction({ name: "member.changeMemberRole", tenantId }, async () => changeMemberRole(await actionActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, userId), input));
}

export async function changeMemberStatusAction(tenantId: unknown, userId: unknown, to: unknown): Promise<ActionResult<{ member: MemberView }>> {
  return runAction({ name: "member.changeMemberStatus", tenantId }, async () => {
    const actor = await actionActor();
    const tid = parseOrThrow(idSchema, tenantId);
    const uid = parseOrThrow(idSchema, userId);
    return parseOrThrow(z.enum(["suspended", "active"]), to) === "suspended" ? suspendMember(actor, tid, uid) : reactivateMember(actor, tid, uid);
  });
}

export async function removeMemberAction(tenantId: unknown, userId: unknown): Promise<ActionResult<{ removed: boolean; user_id: string }>> {
  return runAction({ name: "member.removeMember", tenantId }, async () => removeMember(await actionActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, userId)));
}

/** The links go out by email only: whoever invites never holds a token that would let them create the invitee's account. */
export async function inviteMembersAction(tenantId: unknown, input: unknown): Promise<ActionResult<{ results: InviteResult[] }>> {
  return runAction({ name: "member.inviteMembers", tenantId }, async () => withoutTokens(await inviteMembers(await actionActor(), parseOrThrow(idSchema, tenantId), input)));
}

export async function resendInvitationAction(tenantId: unknown, invitationId: unknown): Promise<ActionResult<{ invitation: InvitationView }>> {
  return runAction({ name: "member.resendInvitation", tenantId }, async () => {
    const { invitation } = await resendInvitation(await actionActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, invitationId));
    return { invitation };
  });
}

export async function revokeInvitationAction(tenantId: unknown, invitationId: unknown): Promise<ActionResult<{ invitation: InvitationView }>> {
  return runAction({ name: "member.revokeInvitation", tenantId }, async () => revokeInvitation(await actionActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, invitationId)));
}

export async function createRoleAction(tenantId: unknown, input: unknown): Promise<ActionResult<{ role: RoleView }>> {
  return runAction({ name: "member.createRole", tenantId }, async () => createRole(await actionActor(), parseOrThrow(idSchema, tenantId), input));
}

/** Who would gain or lose which permissions if the role were saved as given: shown before saving. */
export async function previewRoleChangeAction(tenantId: unknown, roleId: unknown, input: unknown): Promise<ActionResult<{ changes: MemberPermissionChange[] }>> {
  return runAction({ name: "member.previewRoleChange", tenantId }, async () => previewRoleChange(await actionActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, roleId), input));
}

export async function updateRoleAction(tenantId: unknown, roleId: unknown, input: unknown): Promise<ActionResult<{ role: RoleView; changes: MemberPermissionChange[] }>> {
  return runAction({ name: "member.updateRole", tenantId }, async () => updateRole(await actionActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, roleId), input));
}

export async function deleteRoleAction(tenantId: unknown, roleId: unknown, input: unknown): Promise<ActionResult<{ deleted: boolean; id: string; members_moved: number }>> {
  return runAction({ name: "member.deleteRole", tenantId }, async () => deleteRole(await actionActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, roleId), input));
}
