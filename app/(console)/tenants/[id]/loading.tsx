import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function TenantLoading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading tenant">
      <Skeleton className="mb-3 h-4 w-16" />
      <div className="mb-6 flex items-center gap-4">
        <Skeleton className="size-11 rounded-md" />
        <div className="space-y-2">
          <Skeleton className="h-6 w-56" />
          <Skeleton className="h-4 w-40" />
        </div>
      </div>
      <div className="mb-6 flex gap-4 border-b border-slate-200 pb-3">
        {["w-16", "w-16", "w-12", "w-16"].map((w, i) => (
          <Skeleton key={i} className={`h-4 ${w}`} />
        ))}
      </div>
      <div className="mb-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Card key={i} className="space-y-3 p-4">
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-3 w-32" />
            <Skeleton className="h-2 w-full rounded-full" />
          </Card>
        ))}
      </div>
      <Card className="p-5">
        <Skeleton className="mb-2 h-4 w-28" />
        <Skeleton className="mb-6 h-3 w-48" />
        <Skeleton className="h-56 w-full rounded-md" />
      </Card>
    </div>
  );
}
