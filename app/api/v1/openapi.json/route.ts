import { withContract } from "@/lib/api-contracts/define-route";
import { openApiDocument } from "@/lib/api-contracts/openapi";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";

export const dynamic = "force-static";

export const GET = withContract(openApiDocument, async () => Response.json(buildOpenApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));
