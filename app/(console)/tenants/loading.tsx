import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function TenantsLoading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading tenants">
      <div className="mb-6 flex items-end justify-between">
        <div className="space-y-2">
          <Skeleton className="h-6 w-32" />
          <Skeleton className="h-4 w-80 max-w-full" />
        </div>
        <Skeleton className="h-9 w-32 rounded-md" />
      </div>
      <div className="mb-4 flex gap-2">
        <Skeleton className="h-9 w-full max-w-sm rounded-md" />
        <Skeleton className="h-9 w-44 rounded-md" />
        <Skeleton className="h-9 w-40 rounded-md" />
      </div>
      <Card className="divide-y divide-slate-100">
        <div className="h-10 bg-slate-50/80" />
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="flex items-center gap-6 px-5 py-3.5">
            <Skeleton className="size-8 rounded-md" />
            <div className="w-52 space-y-1.5">
              <Skeleton className="h-3.5 w-36" />
              <Skeleton className="h-3 w-20" />
            </div>
            <Skeleton className="h-5 w-20 rounded-md" />
            <Skeleton className="h-5 w-24 rounded-md" />
            <Skeleton className="hidden h-3 w-28 md:block" />
            <Skeleton className="hidden h-3 w-28 md:block" />
          </div>
        ))}
      </Card>
    </div>
  );
}
