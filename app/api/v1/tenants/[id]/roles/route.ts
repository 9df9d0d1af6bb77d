import { createRole as createContract, listRoles as listContract } from "@/lib/api-contracts/members";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { createRole } from "@/lib/roles/create-role";
import { listRoles } from "@/lib/roles/list-roles";

export const GET = apiRoute(listContract, async ({ actor, params }) => {
  return success(await listRoles(actor, params.id));
});

export const POST = apiRoute(createContract, async ({ actor, params, input }) => {
  return success(await createRole(actor, params.id, input), { status: 201 });
});
