import { verifyEmailDomain as verifyContract } from "@/lib/api-contracts/security-policy";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { verifyEmailDomain } from "@/lib/security-policy/email-domains/verify-email-domain";

export const POST = apiRoute(verifyContract, async ({ actor, params }) => success(await verifyEmailDomain(actor, params.id, params.domain)));
