import type { RouteContract } from "@/lib/api-contracts/define-route";
import * as analytics from "@/lib/api-contracts/analytics";
import * as apiKeys from "@/lib/api-contracts/api-keys";
import * as audit from "@/lib/api-contracts/audit";
import * as security from "@/lib/api-contracts/security";
import * as search from "@/lib/api-contracts/search";
import * as auditVerify from "@/lib/api-contracts/audit-verify";
import * as backups from "@/lib/api-contracts/backups";
import * as branding from "@/lib/api-contracts/branding";
import * as domains from "@/lib/api-contracts/domains";
import * as impersonation from "@/lib/api-contracts/impersonation";
import * as notifications from "@/lib/api-contracts/notifications";
import * as invoices from "@/lib/api-contracts/invoices";
import * as limits from "@/lib/api-contracts/limits";
import * as listExports from "@/lib/api-contracts/list-exports";
import * as members from "@/lib/api-contracts/members";
import * as openapi from "@/lib/api-contracts/openapi";
import * as plans from "@/lib/api-contracts/plans";
import * as subscriptions from "@/lib/api-contracts/subscriptions";
import * as securityPolicy from "@/lib/api-contracts/security-policy";
import * as sqlQuery from "@/lib/api-contracts/sql-query";
import * as sso from "@/lib/api-contracts/sso";
import * as tenantMigrations from "@/lib/api-contracts/tenant-migrations";
import * as bulk from "@/lib/api-contracts/bulk";
import * as tenantExports from "@/lib/api-contracts/tenant-exports";
import * as tenants from "@/lib/api-contracts/tenants";
import * as templates from "@/lib/api-contracts/templates";
import * as tenantDbSchema from "@/lib/api-contracts/tenant-db-schema";
import * as usage from "@/lib/api-contracts/usage";
import * as usageEvents from "@/lib/api-contracts/usage-events";
import * as webhooks from "@/lib/api-contracts/webhooks";

/**
 * Every /api/v1 operation, in document order. A new route declares its
 * contract in one of these modules (or a new one added here); the OpenAPI
 * document and tests/integration/route-contracts.test.ts read this list.
 */
export const API_CONTRACTS: readonly RouteContract[] = [tenants, listExports, templates, usage, usageEvents, members, domains, branding, apiKeys, audit, auditVerify, webhooks, sso, limits, analytics, tenantDbSchema, sqlQuery, tenantMigrations, bulk, backups, tenantExports, securityPolicy, security, impersonation, search, plans, subscriptions, invoices, notifications, openapi].flatMap((area) => Object.values(area) as RouteContract[]);
