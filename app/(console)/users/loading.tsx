import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function UsersLoading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading users">
      <div className="mb-6 space-y-2">
        <Skeleton className="h-6 w-24" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="mb-4 flex gap-2">
        <Skeleton className="h-9 w-full max-w-sm rounded-md" />
        <Skeleton className="h-9 w-48 rounded-md" />
        <Skeleton className="h-9 w-40 rounded-md" />
      </div>
      <Card className="divide-y divide-slate-100">
        <div className="h-10 bg-slate-50/80" />
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="flex items-center gap-6 px-5 py-3.5">
            <Skeleton className="h-3.5 w-48" />
            <Skeleton className="h-3.5 w-28" />
            <Skeleton className="h-5 w-24 rounded-md" />
            <Skeleton className="h-5 w-16 rounded-md" />
            <Skeleton className="hidden h-3 w-20 md:block" />
          </div>
        ))}
      </Card>
    </div>
  );
}
