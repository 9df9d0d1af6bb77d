import { defineRoute } from "@/lib/api-contracts/define-route";

export const openApiDocument = defineRoute({
  method: "GET",
  path: "/api/v1/openapi.json",
  tag: "API document",
  summary: "This OpenAPI 3.1 document (public), generated from the routes' contracts",
  access: "public",
  rateLimit: { none: "The same static document for everyone, built once per process" },
  responses: { 200: { description: "The OpenAPI document" } },
  errors: [],
});
