"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { parseOrThrow } from "@/lib/http/errors";
import { actionTenantActor } from "@/lib/portal/action-actor";
import { addEmailDomain } from "@/lib/security-policy/email-domains/add-email-domain";
import { removeEmailDomain } from "@/lib/security-policy/email-domains/remove-email-domain";
import type { EmailDomainView } from "@/lib/security-policy/email-domains/serialize-email-domain";
import { updateEmailDomain } from "@/lib/security-policy/email-domains/update-email-domain";
import { verifyEmailDomain } from "@/lib/security-policy/email-domains/verify-email-domain";
import { loadSecurityPanel, type SecurityPanelData } from "@/lib/security-policy/load-security-panel";
import type { SecurityPolicyView } from "@/lib/security-policy/show-security-policy";
import { updateSecurityPolicy } from "@/lib/security-policy/update-security-policy";

// The security policy's server actions, for the console's Security tab and the
// portal's Security page alike: the actor this host allows (staff on the
// console, the signed-in member on a tenant's host), then one service call,
// which validates and authorises on its own.

const idSchema = z.string().min(1).max(100);
const domainSchema = z.string().min(1).max(300);

export async function loadSecurityPanelAction(tenantId: unknown): Promise<ActionResult<SecurityPanelData>> {
  return runAction({ name: "securityPolicy.loadSecurityPanel", tenantId }, async () => loadSecurityPanel(await actionTenantActor(), parseOrThrow(idSchema, tenantId)));
}

export async function updateSecurityPolicyAction(tenantId: unknown, input: unknown): Promise<ActionResult<SecurityPolicyView>> {
  return runAction({ name: "securityPolicy.updateSecurityPolicy", tenantId }, async () => updateSecurityPolicy(await actionTenantActor(), parseOrThrow(idSchema, tenantId), input));
}

export async function addEmailDomainAction(tenantId: unknown, input: unknown): Promise<ActionResult<{ email_domain: EmailDomainView }>> {
  return runAction({ name: "securityPolicy.addEmailDomain", tenantId }, async () => addEmailDomain(await actionTenantActor(), parseOrThrow(idSchema, tenantId), input));
}

export async function verifyEmailDomainAction(tenantId: unknown, domain: unknown): Promise<ActionResult<{ email_domain: EmailDomainView }>> {
  return runAction({ name: "securityPolicy.verifyEmailDomain", tenantId }, async () => verifyEmailDomain(await actionTenantActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(domainSchema, domain)));
}

export async function setCaptureRoleAction(tenantId: unknown, domain: unknown, input: unknown): Promise<ActionResult<{ email_domain: EmailDomainView }>> {
  return runAction({ name: "securityPolicy.setCaptureRole", tenantId }, async () => updateEmailDomain(await actionTenantActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(domainSchema, domain), input));
}

export async function removeEmailDomainAction(tenantId: unknown, domain: unknown): Promise<ActionResult<{ removed: true; domain: string }>> {
  return runAction({ name: "securityPolicy.removeEmailDomain", tenantId }, async () => removeEmailDomain(await actionTenantActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(domainSchema, domain)));
}
