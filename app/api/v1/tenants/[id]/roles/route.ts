import { apiRoute } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { createRole } from "@/lib/roles/create-role";
import { listRoles } from "@/lib/roles/list-roles";
import { createRoleSchema } from "@/lib/schemas/roles";
import { platformActor } from "@/lib/tenant-access/tenant-actor";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ caller, params }) => {
  return success(await listRoles(platformActor(caller), params.id));
});

export const POST = apiRoute<Params>(async ({ caller, params, body }) => {
  const input = parseOrThrow(createRoleSchema, body);
  return success(await createRole(platformActor(caller), params.id, input), { status: 201 });
});
