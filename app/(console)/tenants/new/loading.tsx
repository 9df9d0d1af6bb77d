import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function NewTenantLoading() {
  return (
    <div className="mx-auto max-w-6xl" role="status" aria-busy="true" aria-label="Loading form">
      <Skeleton className="mb-3 h-4 w-16" />
      <Skeleton className="mb-2 h-6 w-40" />
      <Skeleton className="mb-6 h-4 w-96 max-w-full" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="space-y-6">
          {[3, 1].map((rows, i) => (
            <Card key={i} className="space-y-5 p-5">
              <Skeleton className="h-4 w-28" />
              {Array.from({ length: rows }, (_, j) => (
                <div key={j} className="space-y-2">
                  <Skeleton className="h-3 w-24" />
                  <Skeleton className="h-9 w-full rounded-md" />
                </div>
              ))}
            </Card>
          ))}
        </div>
        <Card className="h-64 p-5">
          <Skeleton className="h-4 w-20" />
        </Card>
      </div>
    </div>
  );
}
