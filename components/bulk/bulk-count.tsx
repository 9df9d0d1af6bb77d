/** One number of an operation's outcome (changed, skipped, failed), in the preview and the results. */
export function BulkCount({ label, value, tone, testId }: { label: string; value: number; tone: string; testId?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-2 py-2 ring-1 ring-slate-200" data-testid={testId}>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${tone}`}>{value.toLocaleString("en-US")}</dd>
    </div>
  );
}
