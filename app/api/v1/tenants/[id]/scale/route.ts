import { scaleTenant as scaleContract } from "@/lib/api-contracts/usage";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { scaleTenant } from "@/lib/tenants/scale-tenant";

/** Immediate scalings answer 200 with every step completed; scheduled ones 202 with their steps pending. */
export const POST = apiRoute(scaleContract, async ({ caller, params, input }) => {
  const result = await scaleTenant(caller, params.id, input);
  return success(result, { status: result.status === "scheduled" ? 202 : 200 });
});
