import { formatCompact } from "@/components/console/format";

// Figures of the Analytics page; null (not measured) is always a dash, never 0.

export const fmtCount = (n: number | null | undefined) => (n === null || n === undefined ? "—" : n < 10_000 ? n.toLocaleString("en-US") : formatCompact(n));
export const fmtGb = (n: number | null | undefined) => (n === null || n === undefined ? "—" : `${n < 10 ? n.toLocaleString("en-US", { maximumFractionDigits: 2 }) : formatCompact(n)} GB`);
/** A ratio (0–1) as a percentage with enough digits to tell 0.1 % from 0 %. */
export const fmtRatio = (r: number | null | undefined) => (r === null || r === undefined ? "—" : `${(r * 100).toLocaleString("en-US", { maximumFractionDigits: r < 0.01 ? 2 : 1 })}%`);
export const fmtPercent = (p: number | null | undefined) => (p === null || p === undefined ? "—" : `${p.toLocaleString("en-US", { maximumFractionDigits: 2 })}%`);
export const fmtSignedRatio = (r: number | null | undefined) => (r === null || r === undefined ? "—" : `${r > 0 ? "+" : ""}${fmtRatio(r)}`);
