import "server-only";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhook-endpoints";
import { summarizeWebhookEndpoints } from "@/lib/webhooks/summarize-webhook-endpoints";
import type { WebhookOwner } from "@/lib/webhooks/webhook-scope";
import { endpointRows, type EndpointRow } from "./webhook-ops";

/** The endpoint list's first screen, read by the page on the server. */
export async function loadEndpointRows(owner: WebhookOwner): Promise<EndpointRow[]> {
  const [endpoints, summaries] = await Promise.all([listWebhookEndpoints(owner), summarizeWebhookEndpoints(owner)]);
  return endpointRows(endpoints, summaries);
}
