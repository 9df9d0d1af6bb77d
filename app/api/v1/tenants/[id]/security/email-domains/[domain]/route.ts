import { removeEmailDomain as removeContract, updateEmailDomain as updateContract } from "@/lib/api-contracts/security-policy";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { removeEmailDomain } from "@/lib/security-policy/email-domains/remove-email-domain";
import { updateEmailDomain } from "@/lib/security-policy/email-domains/update-email-domain";

export const PATCH = apiRoute(updateContract, async ({ actor, params, body }) => success(await updateEmailDomain(actor, params.id, params.domain, body)));

export const DELETE = apiRoute(removeContract, async ({ actor, params }) => success(await removeEmailDomain(actor, params.id, params.domain)));
