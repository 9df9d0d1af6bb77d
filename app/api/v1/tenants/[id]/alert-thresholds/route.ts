import { getAlertThresholds as getContract, updateAlertThresholds as updateContract } from "@/lib/api-contracts/limits";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { getAlertThresholds } from "@/lib/limits/get-alert-thresholds";
import { updateAlertThresholds } from "@/lib/limits/update-alert-thresholds";

export const GET = apiRoute(getContract, async ({ actor, params }) => success({ thresholds: await getAlertThresholds(actor, params.id) }));

export const PUT = apiRoute(updateContract, async ({ actor, params, body }) => success({ thresholds: await updateAlertThresholds(actor, params.id, body) }));
