import { listFleetMigrations as listContract, startFleetMigration as startContract } from "@/lib/api-contracts/tenant-migrations";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { listFleetMigrations } from "@/lib/tenant-migrations/read-fleet-runs";
import { startFleetMigration } from "@/lib/tenant-migrations/start-fleet-migration";

export const POST = apiRoute(startContract, async ({ caller, input }) => success(await startFleetMigration(caller, input), { status: 202 }));

export const GET = apiRoute(listContract, async ({ caller, query }) => success(await listFleetMigrations(caller, parseOrThrow(listContract.query, queryObject(query)))));
