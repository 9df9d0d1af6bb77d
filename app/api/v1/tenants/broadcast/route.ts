import { createBroadcast as contract } from "@/lib/api-contracts/notifications";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { createBroadcast } from "@/lib/notifications/create-broadcast";

export const POST = apiRoute(contract, async ({ caller, body }) => {
  const result = await createBroadcast(caller, body);
  return success(result, { status: result.dry_run ? 200 : 201 });
});
