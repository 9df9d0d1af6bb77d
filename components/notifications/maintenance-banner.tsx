import { formatDateTime } from "@/components/console/format";
import { activeMaintenance } from "@/lib/notifications/active-maintenance";
import { requestTime } from "@/lib/request-time";

/** The maintenance notice shown on every page of a tenant's portal while its window is open (lib/notifications/active-maintenance.ts). */
export async function MaintenanceBanner(props: { tenantId: string }) {
  const notices = await activeMaintenance(props.tenantId, new Date(requestTime()));
  if (!notices.length) return null;
  return (
    <div className="border-b border-amber-200 bg-amber-50 text-amber-950">
      {notices.map((n) => (
        <section key={n.id} aria-label="Maintenance notice" data-testid="maintenance-banner" className="mx-auto flex max-w-6xl items-start gap-3 px-4 py-3 text-[13px] sm:px-6">
          <svg viewBox="0 0 16 16" className="mt-0.5 size-4 shrink-0" fill="currentColor" aria-hidden="true">
            <path d="M7.13 2.2a1 1 0 0 1 1.74 0l5.5 9.78A1 1 0 0 1 13.5 13.5h-11a1 1 0 0 1-.87-1.52l5.5-9.78ZM7.25 6v3a.75.75 0 0 0 1.5 0V6a.75.75 0 0 0-1.5 0ZM8 12a.9.9 0 1 0 0-1.8.9.9 0 0 0 0 1.8Z" />
          </svg>
          <div className="min-w-0 flex-1">
            <p className="font-semibold">{n.title}</p>
            <p className="mt-0.5 line-clamp-3 whitespace-pre-line">{n.body}</p>
            <p className="mt-1 text-xs">
              Until {formatDateTime(n.window.end)} (started {formatDateTime(n.window.start)})
            </p>
          </div>
        </section>
      ))}
    </div>
  );
}
