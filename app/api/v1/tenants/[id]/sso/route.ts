import { deleteSsoConnection as deleteContract, getSsoConnection as getContract, saveSsoConnection as saveContract } from "@/lib/api-contracts/sso";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { deleteSsoConnection } from "@/lib/sso/delete-sso-connection";
import { getSsoConnection } from "@/lib/sso/get-sso-connection";
import { saveSsoConnection } from "@/lib/sso/save-sso-connection";

export const GET = apiRoute(getContract, async ({ actor, params }) => success(await getSsoConnection(actor, params.id)));

/** The whole connection each time; client_secret may be left out to keep the stored one. */
export const PUT = apiRoute(saveContract, async ({ actor, params, body }) => success(await saveSsoConnection(actor, params.id, body)));

export const DELETE = apiRoute(deleteContract, async ({ actor, params }) => success(await deleteSsoConnection(actor, params.id)));
