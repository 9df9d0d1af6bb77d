import { dismissNotice as dismissContract } from "@/lib/api-contracts/limits";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { dismissNotice } from "@/lib/limits/dismiss-notice";

export const POST = apiRoute(dismissContract, async ({ actor, params }) => success({ notice: await dismissNotice(actor, params.id, params.notice_id) }));
