import { buttonClasses } from "@/components/ui/button";

/**
 * Downloads a list as the server streams it (GET with the session cookie):
 * a plain link, so the browser's own download takes any size without holding
 * it in the page, and keyboard users reach it like any link.
 */
export function ExportCsvLink({ href, label = "Export CSV", testId }: { href: string; label?: string; testId?: string }) {
  return (
    <a href={href} download data-testid={testId} className={buttonClasses("secondary")}>
      <svg viewBox="0 0 16 16" className="size-4 text-slate-500" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
        <path d="M8 2.5v7.5m0 0 3-3m-3 3-3-3M3 11.5v1c0 .55.45 1 1 1h8c.55 0 1-.45 1-1v-1" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {label}
    </a>
  );
}
