import { addEmailDomain as addContract, listEmailDomains as listContract } from "@/lib/api-contracts/security-policy";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { addEmailDomain } from "@/lib/security-policy/email-domains/add-email-domain";
import { listEmailDomains } from "@/lib/security-policy/email-domains/list-email-domains";

export const GET = apiRoute(listContract, async ({ actor, params }) => success(await listEmailDomains(actor, params.id)));

export const POST = apiRoute(addContract, async ({ actor, params, body }) => success(await addEmailDomain(actor, params.id, body), { status: 201 }));
