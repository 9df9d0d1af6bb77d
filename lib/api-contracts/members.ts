import { defineRoute, PLATFORM_ACCESS_NOTE } from "@/lib/api-contracts/define-route";
import { inviteMembersSchema } from "@/lib/schemas/invitations";
import { addMemberSchema, changeMemberRoleSchema, listMembersQuerySchema, updateMemberSchema } from "@/lib/schemas/members";
import {
  addTenantUserResponseSchema,
  invitationListResponseSchema,
  inviteResponseSchema,
  removeTenantUserResponseSchema,
  roleListResponseSchema,
  roleResponseSchema,
  tenantUserListResponseSchema,
  tenantUserResponseSchema,
  userRolesResponseSchema,
} from "@/lib/schemas/members-responses";
import { createRoleSchema } from "@/lib/schemas/roles";

export const listTenantUsers = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/users",
  tag: "Tenant users",
  summary: "List the tenant's users (members)",
  description: `Search matches name or email. ${PLATFORM_ACCESS_NOTE}`,
  access: { tenant: "members:read" },
  rateLimit: "tenant_queries",
  query: listMembersQuerySchema,
  responses: { 200: { description: "A page of users", data: tenantUserListResponseSchema } },
  errors: [400, 401, 403, 404],
});

export const addTenantUser = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/users",
  tag: "Tenant users",
  summary: "Add a user to the tenant (an existing account by email, or a new one)",
  description:
    "Adds the account with this email, or creates it (name required; password optional, at least 12 characters) and adds it, without an invitation. A password is refused for an existing account. A pending invitation for the email is revoked. Takes a seat: over the plan's user limit answers 429 tenant_limit_exceeded. Audited as member.joined.",
  access: { tenant: "members:invite", tenantSide: "none" },
  rateLimit: "tenant_queries",
  body: addMemberSchema,
  headers: ["idempotency-key"],
  responses: { 201: { description: "Added", data: addTenantUserResponseSchema } },
  errors: [400, 401, 403, 404, 409, 429],
});

export const updateTenantUser = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/users/{user_id}",
  tag: "Tenant users",
  summary: "Update a membership: role and/or status",
  description:
    "Both apply in one transaction or neither. status active reactivates (takes a seat: 429 tenant_limit_exceeded over the limit), suspended suspends; a status the member already has is kept. The last active owner cannot be demoted or suspended (409).",
  access: { tenant: "members:update" },
  rateLimit: "tenant_queries",
  body: updateMemberSchema,
  headers: ["idempotency-key"],
  responses: { 200: { description: "The user after the change", data: tenantUserResponseSchema } },
  errors: [400, 401, 403, 404, 409, 429],
});

export const removeTenantUser = defineRoute({
  method: "DELETE",
  path: "/api/v1/tenants/{id}/users/{user_id}",
  tag: "Tenant users",
  summary: "Remove a user from the tenant",
  description: "Ends the membership; the account stays (it may belong to other tenants). The last active owner cannot be removed (409).",
  access: { tenant: "members:remove" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Removed", data: removeTenantUserResponseSchema } },
  errors: [401, 403, 404, 409],
});

export const listInvitations = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/users/invitations",
  tag: "Tenant invitations",
  summary: "List open invitations (pending, or expired and not revoked)",
  access: { tenant: "members:read" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Invitations (never their tokens)", data: invitationListResponseSchema } },
  errors: [401, 403, 404],
});

export const inviteUsers = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/users/invite",
  tag: "Tenant invitations",
  summary: "Invite people by email",
  description:
    "One invitation per new email, all with one role. The invitation link is delivered by email; the response never contains the token. Emails already members or already invited are reported per email, not as errors. Pending invitations take seats: over the plan's user limit answers 429 tenant_limit_exceeded. A tenant sends at most RATE_LIMIT_INVITATIONS_PER_HOUR invitation emails (invitations and resends) in any hour: a batch that would pass it answers 429 rate_limit_exceeded with Retry-After and invites nobody. 201 when at least one invitation was created, else 200.",
  access: { tenant: "members:invite" },
  rateLimit: "tenant_queries",
  body: inviteMembersSchema,
  bodyParsedBy: "service",
  headers: ["idempotency-key"],
  responses: { 201: { description: "Invited", data: inviteResponseSchema }, 200: { description: "Nobody new to invite", data: inviteResponseSchema } },
  errors: [400, 401, 403, 404, 429],
});

export const listRoles = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/roles",
  tag: "Tenant roles",
  summary: "List roles: the built-in ones (read-only), then custom roles by name",
  access: { tenant: "roles:read" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Roles", data: roleListResponseSchema } },
  errors: [401, 403, 404],
});

export const createRole = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/roles",
  tag: "Tenant roles",
  summary: "Create a custom role",
  description: "owners:manage, billing:manage and support_access:manage are reserved for the built-in roles. Names are unique in the tenant and cannot be a built-in role's.",
  access: { tenant: "roles:manage" },
  rateLimit: "tenant_queries",
  body: createRoleSchema,
  headers: ["idempotency-key"],
  responses: { 201: { description: "Created", data: roleResponseSchema } },
  errors: [400, 401, 403, 404, 409],
});

export const getUserRoles = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/users/{user_id}/roles",
  tag: "Tenant roles",
  summary: "The user's role in this tenant",
  description: "A member holds exactly one role, so the list has one element.",
  access: { tenant: "members:read" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "The user's role", data: userRolesResponseSchema } },
  errors: [401, 403, 404],
});

export const setUserRole = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/users/{user_id}/roles",
  tag: "Tenant roles",
  summary: "Set the user's role",
  description: "A member holds exactly one role: this replaces the current one. The last active owner cannot be demoted (409).",
  access: { tenant: "members:update" },
  rateLimit: "tenant_queries",
  body: changeMemberRoleSchema,
  headers: ["idempotency-key"],
  responses: { 200: { description: "The user after the change", data: tenantUserResponseSchema } },
  errors: [400, 401, 403, 404, 409],
});

export const removeUserRole = defineRoute({
  method: "DELETE",
  path: "/api/v1/tenants/{id}/users/{user_id}/roles/{role_id}",
  tag: "Tenant roles",
  summary: "Remove the user's role",
  description:
    "A member holds exactly one role, so removing their current role moves them to the tenant's default \"member\" role. A role_id the user does not hold answers 404; removing \"member\" itself answers 409 (set another role instead). The last active owner cannot lose the owner role (409).",
  access: { tenant: "members:update" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "The user after the change", data: tenantUserResponseSchema } },
  errors: [401, 403, 404, 409],
});
