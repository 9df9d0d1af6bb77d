import { getSecurityPolicy as getContract, updateSecurityPolicy as updateContract } from "@/lib/api-contracts/security-policy";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { showSecurityPolicy } from "@/lib/security-policy/show-security-policy";
import { updateSecurityPolicy } from "@/lib/security-policy/update-security-policy";

export const GET = apiRoute(getContract, async ({ actor, params }) => success(await showSecurityPolicy(actor, params.id)));

export const PUT = apiRoute(updateContract, async ({ actor, params, body }) => success(await updateSecurityPolicy(actor, params.id, body)));
