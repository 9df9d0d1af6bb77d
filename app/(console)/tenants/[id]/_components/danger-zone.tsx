import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import type { LifecycleAction } from "./lifecycle-dialogs";

export type DangerItem = { action: LifecycleAction; title: string; description: string; button: string; danger: boolean };

/** The lifecycle actions again, at the foot of Settings, each with what it does. */
export function DangerZone({ items, onSelect }: { items: DangerItem[]; onSelect: (a: LifecycleAction) => void }) {
  if (items.length === 0) return null;
  return (
    <Card className="mt-6">
      <CardHeader title={<span className="text-red-700">Danger zone</span>} description="Changes to whether this tenant serves its users. Each asks for confirmation." />
      <ul className="divide-y divide-slate-100">
        {items.map((i) => (
          <li key={i.action} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
            <div className="min-w-0">
              <p className="text-sm font-medium text-slate-900">{i.title}</p>
              <p className="text-[13px] text-slate-500">{i.description}</p>
            </div>
            <Button variant={i.action === "delete" ? "danger" : i.danger ? "danger-outline" : "secondary"} size="sm" onClick={() => onSelect(i.action)}>
              {i.button}
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
