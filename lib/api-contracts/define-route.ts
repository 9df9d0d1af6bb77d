import type { z } from "zod";
import type { ErrorCode } from "@/lib/http/errors";
import type { RouteRateLimit } from "@/lib/http/rate-limit-classes";
import type { RouteAccess } from "@/lib/http/route-access";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** The request headers a route honours, documented as parameters in this order. */
export type RouteHeader = "if-match" | "idempotency-key" | "prefer";
/** Error statuses; each is documented by its shared `components.responses.Error<status>`. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 412 | 413 | 415 | 422 | 429 | 500;

export type ContractResponse = {
  description: string;
  /** The `data` of the success envelope; left out for a body that is not JSON (an image, a 304). */
  data?: z.ZodType;
  /** The answer carries the tenant's ETag. */
  etag?: boolean;
  /** A body that is not the JSON envelope (a streamed export): its media types. */
  media?: readonly string[];
};

/**
 * One operation of the API, declared once: apiRoute authorises with `access`
 * (before the body is read) and parses the body with `body`, and the OpenAPI
 * document is generated from the same object, so the two cannot drift.
 */
export type RouteContract = {
  method: HttpMethod;
  /** The OpenAPI path, `{param}` for each `[param]` folder of the route file. */
  path: `/api/v1/${string}`;
  tag: string;
  summary: string;
  description?: string;
  /** What the caller must hold; "public" routes do not go through apiRoute and answer anyone. */
  access: RouteAccess | "public";
  /**
   * Seed 000's rate-limit class the operation counts against (lib/http/rate-limit-classes.ts),
   * per caller and, under /tenants/{id}, per tenant; a public route says why it has none.
   */
  rateLimit: RouteRateLimit;
  /**
   * "exempt": tenant keys may call it while their tenant is over its daily API
   * calls (429 tenant_limit_exceeded everywhere else, lib/limits/enforcement.ts):
   * reported usage must still be recorded.
   */
  tenantEnforcement?: "exempt";
  /**
   * The JSON body's schema. apiRoute parses it and hands the handler `input`,
   * unless `bodyParsedBy: "service"`: then the service called by the handler
   * parses with this same schema (the console's pages call it too).
   */
  body?: z.ZodType;
  bodyParsedBy?: "service";
  /** The error code a body that fails `body` answers (default invalid_request). */
  bodyErrorCode?: ErrorCode;
  /** An empty body is valid (documented as not required). */
  bodyOptional?: boolean;
  /** A raw upload instead of JSON: an image (what it is, for the document) or an export archive. */
  upload?: "logo" | "favicon" | "archive";
  maxBodyBytes?: number;
  /** The query's schema (documented parameter by parameter; parsed by the handler or its service). */
  query?: z.ZodObject;
  headers?: readonly RouteHeader[];
  responses: Partial<Record<200 | 201 | 202 | 304, ContractResponse>>;
  errors: readonly ErrorStatus[];
};

/** Declares a route's contract; identity at run time, it keeps the literal path and body schema for the handler's types. */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

/** `"/api/v1/tenants/{id}/users/{user_id}"` → `{ id: string; user_id: string }`. */
export type PathParams<S extends string> = S extends `${string}{${infer K}}${infer Rest}` ? { [k in K]: string } & PathParams<Rest> : unknown;

/** What the handler receives as `input`: the body parsed by the contract's schema, or nothing when there is none or a service parses it. */
export type ContractInput<C extends RouteContract> = C["bodyParsedBy"] extends "service" ? undefined : C["body"] extends z.ZodType ? z.output<C["body"]> : undefined;

/** A route handler as Next calls it, carrying the contract it serves so tests can match files to contracts. */
export type ContractedHandler<P> = ((req: Request, ctx: { params: Promise<P> }) => Promise<Response>) & { contract: RouteContract };

export function withContract<P>(contract: RouteContract, handler: (req: Request, ctx: { params: Promise<P> }) => Promise<Response>): ContractedHandler<P> {
  return Object.assign(handler, { contract: contract as RouteContract });
}

/** Said of every tenant route whose platform side follows the default rule of RouteAccess. */
export const PLATFORM_ACCESS_NOTE = "Platform callers: reads need tenants:read, changes tenants:update.";
