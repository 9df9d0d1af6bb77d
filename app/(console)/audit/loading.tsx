import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function AuditLoading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading the audit log">
      <div className="mb-6 space-y-2">
        <Skeleton className="h-6 w-24" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="mb-4 flex gap-2">
        <Skeleton className="h-9 w-full max-w-sm rounded-md" />
        <Skeleton className="h-9 w-56 rounded-md" />
        <Skeleton className="h-9 w-44 rounded-md" />
      </div>
      <Card className="divide-y divide-slate-100">
        <div className="h-10 bg-slate-50/80" />
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="flex items-center gap-6 px-5 py-3.5">
            <div className="w-52 space-y-1.5">
              <Skeleton className="h-3.5 w-40" />
              <Skeleton className="h-3 w-24" />
            </div>
            <Skeleton className="h-3.5 w-32" />
            <Skeleton className="h-3.5 w-32" />
            <Skeleton className="hidden h-3.5 w-40 md:block" />
          </div>
        ))}
      </Card>
    </div>
  );
}
