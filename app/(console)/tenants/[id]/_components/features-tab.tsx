"use client";

import type { FormEvent } from "react";
import { FeaturesEditor } from "@/components/console/features-editor";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { HydratedForm } from "@/components/ui/hydrated-form";
import { PLAN_DEFINITIONS, type Features, type Plan } from "@/lib/tenants/plans";
import { updateTenantAction } from "../tenant-actions";
import { ReadOnlyNote, SaveFailure, SaveFooter } from "./save-footer";
import { useTenantDraft } from "./tenant-drafts";
import type { TenantDetail } from "./types";
import { useTenantMutation } from "./use-tenant-mutation";

export function FeaturesTab({ tenant, etag, editable, readOnlyReason, onSaved }: { tenant: TenantDetail; etag: string; editable: boolean; readOnlyReason: string; onSaved: (etag: string, message: string) => void }) {
  const { value: draft, set: setDraft, dirty, discard, markSaved } = useTenantDraft<Features>("features", tenant.features);
  const { pending, failure, setFailure, run } = useTenantMutation();
  const def = PLAN_DEFINITIONS[tenant.tenant.plan as Plan];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    run(() => updateTenantAction(tenant.tenant.id, etag, { features: draft }), (d) => {
      markSaved();
      onSaved(d.etag, "Features saved");
    });
  };

  return (
    <HydratedForm onSubmit={onSubmit} noValidate>
      <SaveFailure failure={failure} />
      <Card>
        <CardHeader title="Features" description={`What ${tenant.tenant.name}'s users can use. Toggles that differ from the ${def?.label ?? tenant.tenant.plan} plan are marked Custom.`} />
        <CardBody className="pt-2 pb-4">
          <FeaturesEditor value={draft} onChange={setDraft} defaults={def?.features} disabled={!editable} />
        </CardBody>
        {editable ? (
          <SaveFooter
            dirty={dirty}
            pending={pending}
            saveLabel="Save features"
            onDiscard={() => {
              discard();
              setFailure(null);
            }}
          />
        ) : (
          <ReadOnlyNote reason={readOnlyReason} />
        )}
      </Card>
    </HydratedForm>
  );
}
