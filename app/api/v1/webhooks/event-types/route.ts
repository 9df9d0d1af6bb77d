import { withContract } from "@/lib/api-contracts/define-route";
import { listWebhookEventTypes } from "@/lib/api-contracts/webhooks";
import { success } from "@/lib/http/respond";
import { eventTypeCatalogue } from "@/lib/webhooks/list-event-types";

export const dynamic = "force-static";

/** Public like the OpenAPI document: the catalogue says nothing about any tenant. */
export const GET = withContract(listWebhookEventTypes, async () => {
  const res = success({ event_types: eventTypeCatalogue() });
  res.headers.set("Cache-Control", "public, max-age=300");
  return res;
});
