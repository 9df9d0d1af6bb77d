import { apiRoute } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { createRole } from "@/lib/roles/create-role";
import { listRoles } from "@/lib/roles/list-roles";
import { createRoleSchema } from "@/lib/schemas/roles";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => {
  return success(await listRoles(actor, params.id));
}, { access: { tenant: "roles:read" } });

export const POST = apiRoute<Params>(async ({ actor, params, body }) => {
  const input = parseOrThrow(createRoleSchema, body);
  return success(await createRole(actor, params.id, input), { status: 201 });
}, { access: { tenant: "roles:manage" } });
