// Run by webhooks-delivery.test.ts as a separate process, then killed with SIGKILL:
// commits a change that publishes an event, then starts delivering it. argv: tenant id.
import { systemCaller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { WebhookDispatcher } from "@/lib/webhooks/webhook-dispatcher";

const tenantId = process.argv[2];
await withTenantScope(tenantId, (tx) => publishEvent(tx, systemCaller("crash test"), { tenantId, action: "role.created", targetType: "role", targetId: "role_crash", after: { name: "crash" } }));
console.log("committed");
await new WebhookDispatcher({ timeoutMs: 60_000 }).drain();
console.log("never reached: the receiver hangs and the test kills this process");
