import { sendNotification as contract } from "@/lib/api-contracts/notifications";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { sendTenantNotification } from "@/lib/notifications/send-tenant-notification";

export const POST = apiRoute(contract, async ({ actor, params, body }) => success({ notification: await sendTenantNotification(actor, params.id, body) }, { status: 201 }));
