"use client";

import type { ReactNode } from "react";
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame, type ChartEmpty } from "@/components/charts/chart-frame";
import type { ColumnDef } from "@/components/ui/data-table";

export type Granularity = "hour" | "day";
export type SeriesDef = { key: string; label: string; color: string };
/** One bucket of the period (t: its start, epoch ms); null: nothing measured in that bucket. */
export type TimePoint = { t: number; values: Record<string, number | null> };
/** Something that happened to the tenant (a plan change, a suspension), drawn on the time axis. */
export type ChartMarker = { id: string; t: number; label: string; detail?: string };
/** The trend line beyond the last measurement, drawn dashed; `label` is the sentence the summary says about it. */
export type ProjectionLine = { points: { t: number; value: number }[]; label: string };
/** Alert thresholds, in percent of the limit. */
export type Thresholds = { warning: number; critical: number };

const BUCKET_MS: Record<Granularity, number> = { hour: 3_600_000, day: 86_400_000 };
const hourFmt = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const dayFmt = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const fullFmt = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
// Small figures (GB, percentages) need their decimals on the axis, or neighbouring ticks read the same.
const axisTick = (v: number) =>
  Math.abs(v) >= 10 ? compact.format(v) : Math.abs(v) >= 0.01 || v === 0 ? v.toLocaleString("en-US", { maximumFractionDigits: 2 }) : v.toLocaleString("en-US", { maximumSignificantDigits: 2 });

export const formatBucket = (t: number, g: Granularity) => (g === "hour" ? `${fullFmt.format(t)} UTC` : dayFmt.format(t));
const tick = (t: number, g: Granularity) => (g === "hour" ? hourFmt.format(t) : dayFmt.format(t));

type Row = { t: number; projection?: number; [series: string]: number | null | undefined };
type TableRow = { t: number; values: Record<string, number | null>; events: ChartMarker[] };

type Props = {
  title: string;
  description?: ReactNode;
  series: SeriesDef[];
  points: TimePoint[];
  granularity: Granularity;
  /** The period's bounds (epoch ms); the axis covers them whatever was measured. */
  from: number;
  to: number;
  format: (v: number) => string;
  /** The limit of the first series; null: unlimited; undefined: no limit applies to these figures. */
  limit?: number | null;
  thresholds?: Thresholds | null;
  projection?: ProjectionLine | null;
  markers?: ChartMarker[];
  actions?: ReactNode;
  empty?: ChartEmpty | null;
  busy?: boolean;
  /** A sentence under the chart (how the figure is measured, why the limit is not drawn). */
  note?: ReactNode;
  testId?: string;
};

/**
 * A usage metric over a period: its series as lines, the limit as a red line
 * with the warning and critical bands under it, the projection dashed past the
 * last measurement, and audit events as markers on the time axis whose details
 * show in the tooltip (and as a column of the table view).
 */
export function UsageTimeSeries({ title, description, series, points, granularity, from, to, format, limit, thresholds, projection, markers = [], actions, empty, busy, note, testId }: Props) {
  const first = series[0];
  const bucket = BUCKET_MS[granularity];
  const inBucket = (m: ChartMarker, t: number) => m.t >= t && m.t < t + bucket;
  const measured = points.flatMap((p) => series.map((s) => p.values[s.key]).filter((v): v is number => typeof v === "number"));
  const max = measured.reduce((m, v) => Math.max(m, v), 0);
  const projMax = projection?.points.reduce((m, p) => Math.max(m, p.value), 0) ?? 0;
  // A limit far above every figure would flatten the lines against the axis: it is named instead of drawn.
  const drawLimit = typeof limit === "number" && limit > 0 && limit <= Math.max(max, projMax) * 2.5;
  const end = projection?.points.length ? Math.max(to, ...projection.points.map((p) => p.t)) : to;

  const rows: Row[] = [
    ...points.map((p) => ({ t: p.t, ...p.values })),
    ...(projection?.points.map((p) => ({ t: p.t, projection: p.value })) ?? []),
  ].sort((a, b) => a.t - b.t);

  const latestPoint = [...points].reverse().find((p) => typeof p.values[first.key] === "number");
  const latest = latestPoint ? (latestPoint.values[first.key] as number) : null;
  const pct = (v: number) => (typeof limit === "number" && limit > 0 ? (v / limit) * 100 : null);
  const latestPct = latest === null ? null : pct(latest);
  const summary = [
    latest === null ? `${first.label}: nothing measured in this period.` : `${first.label}: latest ${format(latest)}${latestPct === null ? "" : ` (${latestPct.toFixed(0)}% of the ${format(limit!)} limit)`}, highest ${format(max)}.`,
    limit === null ? "No limit." : "",
    projection?.points.length ? `${projection.label}.` : "",
    markers.length ? `${markers.length} tenant event${markers.length === 1 ? "" : "s"} marked: ${markers.map((m) => `${m.label} (${formatBucket(m.t, granularity)})`).join("; ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");

  const tableRows: TableRow[] = points.map((p) => ({ t: p.t, values: p.values, events: markers.filter((m) => inBucket(m, p.t)) }));
  const columns: ColumnDef<TableRow, unknown>[] = [
    { id: "time", header: granularity === "hour" ? "Hour (UTC)" : "Day (UTC)", cell: ({ row }) => formatBucket(row.original.t, granularity), meta: { card: "title" } },
    ...series.map(
      (s): ColumnDef<TableRow, unknown> => ({
        id: s.key,
        header: s.label,
        cell: ({ row }) => {
          const v = row.original.values[s.key];
          return <span className="tabular-nums">{typeof v === "number" ? format(v) : "—"}</span>;
        },
        meta: { className: "text-right" },
      }),
    ),
    ...(typeof limit === "number" && limit > 0
      ? [
          {
            id: "percent",
            header: "Of limit",
            cell: ({ row }) => {
              const v = row.original.values[first.key];
              return <span className="tabular-nums">{typeof v === "number" ? `${pct(v)!.toFixed(1)}%` : "—"}</span>;
            },
            meta: { className: "text-right" },
          } satisfies ColumnDef<TableRow, unknown>,
        ]
      : []),
    ...(markers.length
      ? [
          {
            id: "events",
            header: "Events",
            cell: ({ row }) => (row.original.events.length ? row.original.events.map((m) => (m.detail ? `${m.label}: ${m.detail}` : m.label)).join("; ") : ""),
          } satisfies ColumnDef<TableRow, unknown>,
        ]
      : []),
  ];

  const legend = (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-0.5 w-4 rounded" style={{ background: s.color }} />
          {s.label}
        </li>
      ))}
      {typeof limit === "number" ? (
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block w-4 border-t-2 border-dashed border-red-500" />
          Limit {format(limit)}
          {drawLimit ? "" : " (far above usage, not drawn)"}
        </li>
      ) : limit === null ? (
        <li>No limit</li>
      ) : null}
      {drawLimit && thresholds ? (
        <>
          <li className="flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block size-3 rounded-sm bg-amber-200" />
            Warning from {thresholds.warning}%
          </li>
          <li className="flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block size-3 rounded-sm bg-red-200" />
            Critical from {thresholds.critical}%
          </li>
        </>
      ) : null}
      {projection?.points.length ? (
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block w-4 border-t-2 border-dashed border-slate-500" />
          Projection
        </li>
      ) : null}
      {markers.length ? (
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block size-2.5 rotate-45 bg-slate-700" />
          Tenant event
        </li>
      ) : null}
    </ul>
  );

  return (
    <ChartFrame
      title={title}
      description={description}
      summary={summary}
      actions={actions}
      empty={empty}
      busy={busy}
      testId={testId}
      table={{ columns, rows: tableRows, getRowId: (r) => String(r.t) }}
      footer={
        <div className="space-y-1.5">
          {legend}
          {note ? <p className="text-xs text-slate-500">{note}</p> : null}
        </div>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 14, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[from, end]}
            tickFormatter={(t: number) => tick(t, granularity)}
            tick={{ fontSize: 11, fill: "var(--chart-axis)" }}
            tickLine={false}
            axisLine={{ stroke: "var(--chart-grid)" }}
            minTickGap={24}
          />
          <YAxis
            tickFormatter={axisTick}
            tick={{ fontSize: 11, fill: "var(--chart-axis)" }}
            tickLine={false}
            axisLine={false}
            width={44}
            domain={[0, drawLimit ? Math.max(max, projMax, limit!) * 1.08 : "auto"]}
            allowDecimals
          />
          {drawLimit && thresholds ? (
            <>
              <ReferenceArea y1={(limit! * thresholds.warning) / 100} y2={(limit! * thresholds.critical) / 100} fill="#fbbf24" fillOpacity={0.14} strokeOpacity={0} ifOverflow="hidden" />
              <ReferenceArea y1={(limit! * thresholds.critical) / 100} y2={limit!} fill="var(--color-red-500, #ef4444)" fillOpacity={0.12} strokeOpacity={0} ifOverflow="hidden" />
            </>
          ) : null}
          {drawLimit ? <ReferenceLine y={limit!} stroke="var(--color-red-500, #ef4444)" strokeDasharray="4 4" label={{ value: `Limit ${format(limit!)}`, position: "insideTopRight", fontSize: 11, fill: "var(--color-red-700, #b91c1c)" }} /> : null}
          {markers.map((m) => (
            <ReferenceLine key={m.id} x={m.t} stroke="var(--chart-label)" strokeOpacity={0.5} strokeDasharray="2 3" label={<MarkerFlag text={m.detail ? `${m.label}: ${m.detail}` : m.label} />} ifOverflow="hidden" />
          ))}
          <Tooltip
            cursor={{ stroke: "var(--chart-cursor)", strokeDasharray: "3 3" }}
            content={({ active, payload }) => {
              const row = active && payload?.[0] ? (payload[0].payload as Row) : null;
              if (!row) return null;
              const events = markers.filter((m) => inBucket(m, row.t));
              return (
                <div className="max-w-64 rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md" data-testid="chart-tooltip">
                  <p className="text-slate-500">{formatBucket(row.t, granularity)}</p>
                  {series.map((s) =>
                    typeof row[s.key] === "number" ? (
                      <p key={s.key} className="mt-0.5 font-medium text-slate-900 tabular-nums">
                        {s.label}: {format(row[s.key] as number)}
                      </p>
                    ) : null,
                  )}
                  {typeof row.projection === "number" ? <p className="mt-0.5 text-slate-700 tabular-nums">Projected: {format(row.projection)}</p> : null}
                  {events.map((m) => (
                    <p key={m.id} className="mt-1 border-t border-slate-100 pt-1 text-slate-700">
                      <span className="font-medium">{m.label}</span>
                      {m.detail ? ` · ${m.detail}` : ""}
                    </p>
                  ))}
                </div>
              );
            }}
          />
          {series.map((s) => (
            <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={points.length < 3 ? { r: 3 } : false} activeDot={{ r: 4, strokeWidth: 0 }} connectNulls={false} isAnimationActive={false} />
          ))}
          {projection?.points.length ? <Line type="linear" dataKey="projection" name="Projection" stroke="var(--color-slate-600, #475569)" strokeWidth={1.5} strokeDasharray="6 4" dot={false} connectNulls isAnimationActive={false} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** The marker at the top of an event's line; its title is the browser's own tooltip when the pointer rests on it. */
function MarkerFlag({ viewBox, text }: { viewBox?: { x?: number; y?: number }; text: string }) {
  const x = viewBox?.x ?? 0;
  const y = (viewBox?.y ?? 0) - 6;
  return (
    <g data-testid="chart-marker">
      <title>{text}</title>
      <rect x={x - 4} y={y - 4} width={8} height={8} transform={`rotate(45 ${x} ${y})`} fill="var(--chart-label)" />
    </g>
  );
}
