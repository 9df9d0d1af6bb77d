import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Card } from "@/components/ui/card";

export default function TenantNotFound() {
  return (
    <Card>
      <EmptyState
        title="Tenant not found"
        description="It may have been purged, or its provisioning failed and was rolled back."
        action={
          <Link href="/tenants" className={buttonClasses("secondary")}>
            Back to tenants
          </Link>
        }
      />
    </Card>
  );
}
