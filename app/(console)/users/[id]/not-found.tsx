import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export default function UserNotFound() {
  return (
    <Card>
      <EmptyState
        title="User not found"
        description="The account may have been deleted, or the link is wrong."
        action={
          <Link href="/users" className={buttonClasses("secondary")}>
            Back to users
          </Link>
        }
      />
    </Card>
  );
}
