import { startTrial as startContract, updateTrial as updateContract } from "@/lib/api-contracts/subscriptions";
import { startTrial, updateTrialSettings } from "@/lib/billing/subscriptions/start-trial";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute(startContract, async ({ actor, params, body }) => success({ subscription: await startTrial(actor, params.id, body) }));

export const PUT = apiRoute(updateContract, async ({ actor, params, body }) => success({ subscription: await updateTrialSettings(actor, params.id, body) }));
