import { listBroadcasts as contract } from "@/lib/api-contracts/notifications";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { AppError } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { listBroadcasts } from "@/lib/notifications/list-broadcasts";

export const GET = apiRoute(contract, async ({ caller, query }) => {
  const raw = queryObject(query).limit;
  const limit = raw === undefined ? undefined : Number(raw);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 200)) throw new AppError("invalid_request", "limit must be a whole number from 1 to 200", [{ path: "limit", message: "1–200" }]);
  return success({ broadcasts: await listBroadcasts(caller, { limit }) });
});
