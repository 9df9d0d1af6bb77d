"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { parseOrThrow } from "@/lib/http/errors";
import { actionTenantActor } from "@/lib/portal/action-actor";
import type { SsoConnectionView, SsoTestResult } from "@/lib/schemas/sso";
import { deleteSsoConnection } from "@/lib/sso/delete-sso-connection";
import { getSsoConnection } from "@/lib/sso/get-sso-connection";
import { loadSsoSettings, type SsoSettings } from "@/lib/sso/load-sso-settings";
import { saveSsoConnection } from "@/lib/sso/save-sso-connection";
import { testSsoConnection } from "@/lib/sso/test-sso-connection";

// Server actions for a tenant's identity provider, used by the portal's
// Single sign-on page and the console's tenant tab: the actor this host
// allows, then the same services the API calls.

const idSchema = z.string().min(1).max(100);
export type SsoState = { connection: SsoConnectionView | null; redirect_uri: string };

export async function getSsoConnectionAction(tenantId: unknown): Promise<ActionResult<SsoState>> {
  return runAction({ name: "sso.getSsoConnection", tenantId }, async () => getSsoConnection(await actionTenantActor(), parseOrThrow(idSchema, tenantId)));
}

export async function loadSsoSettingsAction(tenantId: unknown): Promise<ActionResult<SsoSettings>> {
  return runAction({ name: "sso.loadSsoSettings", tenantId }, async () => loadSsoSettings(await actionTenantActor(), parseOrThrow(idSchema, tenantId)));
}

export async function saveSsoConnectionAction(tenantId: unknown, input: unknown): Promise<ActionResult<SsoState>> {
  return runAction({ name: "sso.saveSsoConnection", tenantId }, async () => saveSsoConnection(await actionTenantActor(), parseOrThrow(idSchema, tenantId), input));
}

export async function deleteSsoConnectionAction(tenantId: unknown): Promise<ActionResult<{ deleted: boolean }>> {
  return runAction({ name: "sso.deleteSsoConnection", tenantId }, async () => deleteSsoConnection(await actionTenantActor(), parseOrThrow(idSchema, tenantId)));
}

export async function testSsoConnectionAction(tenantId: unknown, input: unknown): Promise<ActionResult<SsoTestResult>> {
  return runAction({ name: "sso.testSsoConnection", tenantId }, async () => testSsoConnection(await actionTenantActor(), parseOrThrow(idSchema, tenantId), input));
}
