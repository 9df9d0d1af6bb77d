type PlanNode = {
  "Node Type"?: string;
  "Relation Name"?: string;
  Alias?: string;
  "Index Name"?: string;
  "Join Type"?: string;
  Strategy?: string;
  "Startup Cost"?: number;
  "Total Cost"?: number;
  "Plan Rows"?: number;
  "Actual Startup Time"?: number;
  "Actual Total Time"?: number;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  Filter?: string;
  "Index Cond"?: string;
  "Hash Cond"?: string;
  "Sort Key"?: string[];
  Plans?: PlanNode[];
};
type Explain = { Plan?: PlanNode; "Planning Time"?: number; "Execution Time"?: number };

/** The EXPLAIN (FORMAT JSON) document, whether given as PostgreSQL prints it (a one-element array), as its element, or as the bare Plan node. */
export function explainRoot(plan: unknown): Explain | null {
  const top = Array.isArray(plan) ? plan[0] : plan;
  if (!top || typeof top !== "object") return null;
  const doc = top as Explain & PlanNode;
  if (doc.Plan && typeof doc.Plan === "object") return doc;
  if (typeof doc["Node Type"] === "string") return { Plan: doc };
  return null;
}

const ms = (n: number) => `${n.toLocaleString("en", { maximumFractionDigits: 3 })} ms`;
const num = (n: number) => n.toLocaleString("en", { maximumFractionDigits: 2 });

/**
 * A query plan as nested lists: each node's type, relation, estimated cost and
 * rows, and (for read-only queries, which run under EXPLAIN ANALYZE) the
 * actual time, rows and loops. Lists nest as the plan does, so a screen reader
 * hears the depth.
 */
export function PlanTree({ plan, planningMs = null, executionMs = null }: { plan: unknown; planningMs?: number | null; executionMs?: number | null }) {
  const root = explainRoot(plan);
  if (!root?.Plan) return <p className="text-[13px] text-slate-500">No plan was returned for this statement.</p>;
  const planning = planningMs ?? root["Planning Time"] ?? null;
  const execution = executionMs ?? root["Execution Time"] ?? null;
  return (
    <div data-testid="sql-plan" className="space-y-3">
      {planning !== null || execution !== null ? (
        <p className="text-[13px] text-slate-600">
          {[planning !== null ? `Planning ${ms(planning)}` : null, execution !== null ? `Execution ${ms(execution)}` : null].filter(Boolean).join(" · ")}
        </p>
      ) : null}
      <ul aria-label="Query plan" className="overflow-x-auto text-[13px]">
        <Node node={root.Plan} />
      </ul>
    </div>
  );
}

function Node({ node }: { node: PlanNode }) {
  const title = [node.Strategy && node.Strategy !== "Plain" ? node.Strategy : null, node["Join Type"] && node["Node Type"]?.includes("Join") ? node["Join Type"] : null, node["Node Type"] ?? "Node"]
    .filter(Boolean)
    .join(" ");
  const on = node["Relation Name"] ? `on ${node["Relation Name"]}${node.Alias && node.Alias !== node["Relation Name"] ? ` ${node.Alias}` : ""}` : null;
  const cond = node["Index Cond"] ?? node["Hash Cond"] ?? node.Filter ?? (node["Sort Key"] ? node["Sort Key"].join(", ") : undefined);
  return (
    <li className="relative border-l border-slate-200 pl-4 before:absolute before:top-3.5 before:left-0 before:h-px before:w-3 before:bg-slate-200">
      <div data-testid="sql-plan-node" className="my-1 rounded-md border border-slate-200 bg-white px-3 py-2">
        <p className="flex flex-wrap items-baseline gap-x-2">
          <span className="font-semibold text-slate-900">{title}</span>
          {on ? <span className="font-mono text-slate-700">{on}</span> : null}
          {node["Index Name"] ? <span className="font-mono text-slate-500">using {node["Index Name"]}</span> : null}
        </p>
        <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-600">
          {node["Total Cost"] !== undefined ? <Fact term="Cost" value={`${num(node["Startup Cost"] ?? 0)}..${num(node["Total Cost"])}`} /> : null}
          {node["Plan Rows"] !== undefined ? <Fact term="Rows (est.)" value={num(node["Plan Rows"])} /> : null}
          {node["Actual Total Time"] !== undefined ? <Fact term="Actual time" value={`${num(node["Actual Startup Time"] ?? 0)}..${ms(node["Actual Total Time"])}`} /> : null}
          {node["Actual Rows"] !== undefined ? <Fact term="Rows" value={num(node["Actual Rows"])} /> : null}
          {node["Actual Loops"] !== undefined && node["Actual Loops"] !== 1 ? <Fact term="Loops" value={num(node["Actual Loops"])} /> : null}
        </dl>
        {cond ? <p className="mt-1 font-mono text-xs break-all text-slate-500">{cond}</p> : null}
      </div>
      {node.Plans?.length ? (
        <ul>
          {node.Plans.map((child, i) => (
            <Node key={i} node={child} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div className="flex gap-1">
      <dt>{term}</dt>
      <dd className="font-mono text-slate-800 tabular-nums">{value}</dd>
    </div>
  );
}
