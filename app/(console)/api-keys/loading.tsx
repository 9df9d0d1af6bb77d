import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function ApiKeysLoading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading API keys">
      <Skeleton className="mb-2 h-6 w-28" />
      <Skeleton className="mb-6 h-4 w-96 max-w-full" />
      <Card className="divide-y divide-slate-100">
        <div className="flex items-center justify-between px-5 py-4">
          <Skeleton className="h-4 w-28" />
          <Skeleton className="h-9 w-36 rounded-md" />
        </div>
        {Array.from({ length: 3 }, (_, i) => (
          <div key={i} className="flex items-center gap-8 px-5 py-3.5">
            <Skeleton className="h-3.5 w-28" />
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-4 w-28" />
            <Skeleton className="h-3.5 w-20" />
          </div>
        ))}
      </Card>
    </div>
  );
}
