"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { configureDomains } from "@/lib/domains/configure-domains";
import { listDomains } from "@/lib/domains/list-domains";
import { removeDomain } from "@/lib/domains/remove-domain";
import type { DomainView } from "@/lib/domains/serialize-domain";
import { setPrimaryDomain } from "@/lib/domains/set-primary-domain";
import { verifyDomain } from "@/lib/domains/verify-domain";
import { env } from "@/lib/env";
import { parseOrThrow } from "@/lib/http/errors";
import { actionTenantActor } from "@/lib/portal/action-actor";
import { rootHostname } from "@/lib/schemas/domains";

// Server actions for a tenant's custom domains, used by the console's Domains
// tab and by the portal's Domains page. Each one: the actor this host allows
// (staff on the console host, the signed-in member on a tenant's host), then
// one service call, which validates and authorises on its own.

const idSchema = z.string().min(1).max(100);

export type { DomainView };
/** Where the traffic goes: the CNAME target, and the tenant's built-in `<slug>.<root>` address. */
export type DomainSetup = { cnameTarget: string; rootDomain: string; scheme: "http" | "https" };

export async function listDomainsAction(tenantId: unknown): Promise<ActionResult<{ domains: DomainView[]; setup: DomainSetup }>> {
  return runAction({ name: "domain.listDomains", tenantId }, async () => {
    const { domains } = await listDomains(await actionTenantActor(), parseOrThrow(idSchema, tenantId));
    return { domains, setup: { cnameTarget: rootHostname(), rootDomain: env.rootDomain, scheme: env.publicScheme } };
  });
}

/** One domain, as the form adds it: the service's field paths (domains.0.domain) come back as they are. */
export async function addDomainAction(tenantId: unknown, input: unknown): Promise<ActionResult<{ domain: DomainView }>> {
  return runAction({ name: "domain.addDomain", tenantId }, async () => {
    const { domain, primary } = parseOrThrow(z.object({ domain: z.string().max(300), primary: z.boolean().default(false) }), input);
    const { body } = await configureDomains(await actionTenantActor(), parseOrThrow(idSchema, tenantId), { domains: [{ domain, primary }] });
    return { domain: body.domains[0] };
  });
}

export async function verifyDomainAction(tenantId: unknown, domainId: unknown): Promise<ActionResult<{ domain: DomainView }>> {
  return runAction({ name: "domain.verifyDomain", tenantId }, async () => verifyDomain(await actionTenantActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, domainId)));
}

export async function setPrimaryDomainAction(tenantId: unknown, domainId: unknown): Promise<ActionResult<{ domain: DomainView }>> {
  return runAction({ name: "domain.setPrimaryDomain", tenantId }, async () => setPrimaryDomain(await actionTenantActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, domainId)));
}

export async function removeDomainAction(tenantId: unknown, domainId: unknown): Promise<ActionResult<{ id: string; domain: string; removed: boolean }>> {
  return runAction({ name: "domain.removeDomain", tenantId }, async () => removeDomain(await actionTenantActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, domainId)));
}
