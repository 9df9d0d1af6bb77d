"use client";

import { useState, type FormEvent } from "react";
import { FeaturesEditor } from "@/components/console/features-editor";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PLAN_DEFINITIONS, type Features, type Plan } from "@/lib/tenants/plans";
import { updateTenantAction } from "../tenant-actions";
import { ReadOnlyNote, SaveFailure, SaveFooter } from "./save-footer";
import type { TenantDetail } from "./types";
import { useTenantMutation } from "./use-tenant-mutation";

export function FeaturesTab({ tenant, etag, editable, readOnlyReason, onSaved }: { tenant: TenantDetail; etag: string; editable: boolean; readOnlyReason: string; onSaved: (etag: string, message: string) => void }) {
  const initial = tenant.features;
  const [draft, setDraft] = useState<Features>(initial);
  const { pending, failure, setFailure, run } = useTenantMutation();
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const def = PLAN_DEFINITIONS[tenant.tenant.plan as Plan];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    run(() => updateTenantAction(tenant.tenant.id, etag, { features: draft }), (d) => onSaved(d.etag, "Features saved"));
  };

  return (
    <form onSubmit={onSubmit} noValidate>
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
              setDraft(initial);
              setFailure(null);
            }}
          />
        ) : (
          <ReadOnlyNote reason={readOnlyReason} />
        )}
      </Card>
    </form>
  );
}
