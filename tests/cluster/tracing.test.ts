import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { clusterPorts, startInstance, type Instance } from "../../scripts/lib/cluster";
import { hostRequest } from "../../scripts/lib/host-request";
import { startOtlpCollector, type CollectedSpan, type OtlpCollector } from "../support/otlp-collector";
import { createTenantThrough, mintPlatformKey } from "./support/observability-fixtures";

const SERVER = 2;
const PG_SCOPE = "@opentelemetry/instrumentation-pg";

let collector: OtlpCollector;
let traced: Instance;
let untraced: Instance;
const started: Array<{ stop(): Promise<unknown> }> = [];
const { base } = clusterPorts();
const rootDomain = `localhost:${base + 4}`;

beforeAll(async () => {
  collector = await startOtlpCollector(base + 10);
  started.push({ stop: () => collector.close() });
  const common = { databaseUrl: inject("databaseUrl"), rootDomain };
  [traced, untraced] = await Promise.all([
    startInstance({ ...common, name: "traced", port: base + 1, env: { NEXTAUTH_SECRET: inject("nextauthSecret"), OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: "atrium-traced" } }),
    // Everything an exporter would need to reach the collector, except the variable that turns tracing on.
    startInstance({
      ...common,
      name: "untraced",
      port: base + 2,
      env: { NEXTAUTH_SECRET: inject("nextauthSecret"), OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.url}/v1/traces`, OTEL_SERVICE_NAME: "atrium-untraced" },
    }),
  ]);
  started.push(traced, untraced);
});
afterAll(async () => {
  for (const s of started.reverse()) await s.stop();
});

/** The span's ancestors within its trace, nearest first. */
function ancestors(span: CollectedSpan, spans: CollectedSpan[]): CollectedSpan[] {
  const byId = new Map(spans.filter((s) => s.traceId === span.traceId).map((s) => [s.spanId, s]));
  const chain: CollectedSpan[] = [];
  for (let p = span.parentSpanId && byId.get(span.parentSpanId); p; p = p.parentSpanId ? byId.get(p.parentSpanId) : undefined) chain.push(p);
  return chain;
}

describe("OpenTelemetry tracing", () => {
  it("exports a server span for an API request with its database queries as child spans; an instance without OTEL_EXPORTER_OTLP_ENDPOINT sends nothing", async () => {
    const key = await mintPlatformKey();
    const tenant = await createTenantThrough(untraced.url, rootDomain, key);
    const get = (origin: string) => hostRequest(origin, { host: rootDomain, path: `/api/v1/tenants/${tenant.id}`, headers: { authorization: `Bearer ${key}` } });
    expect((await get(untraced.url)).status).toBe(200);
    const untracedAt = Date.now();
    expect((await get(traced.url)).status).toBe(200);

    const isRequestSpan = (s: CollectedSpan) => s.kind === SERVER && s.attributes["next.span_type"] === "BaseServer.handleRequest" && s.attributes["http.target"] === `/api/v1/tenants/${tenant.id}` && s.attributes["next.route"] === "/api/v1/tenants/[id]";
    const pgSpansOf = (server: CollectedSpan, spans: CollectedSpan[]) => spans.filter((s) => s.scope === PG_SCOPE && s.traceId === server.traceId && ancestors(s, spans).includes(server));
    // Spans go out in batches every second.
    await collector.waitFor((spans) => spans.some((s) => isRequestSpan(s) && pgSpansOf(s, spans).some((p) => /\bFROM ("public"\.)?"?tenants\b/.test(String(p.attributes["db.query.text"])))), 15_000);

    const server = collector.spans.find(isRequestSpan)!;
    expect(server.service).toBe("atrium-traced");
    expect(server.name).toBe("GET /api/v1/tenants/[id]");
    expect(server.attributes["http.status_code"]).toBe(200);
    const queries = pgSpansOf(server, collector.spans);
    expect(queries.every((q) => q.attributes["db.system.name"] === "postgresql")).toBe(true);
    // The API key check and the tenant read are both in the request's trace; bound values are never exported.
    const texts = queries.map((q) => String(q.attributes["db.query.text"] ?? ""));
    expect(texts.some((t) => t.includes("atrium_authenticate_api_key"))).toBe(true);
    expect(JSON.stringify(collector.spans)).not.toContain(key);

    // The untraced instance had every chance to export: its request was answered seconds ago.
    await new Promise((r) => setTimeout(r, Math.max(0, untracedAt + 7_000 - Date.now())));
    expect(collector.exports.length).toBeGreaterThan(0);
    expect(collector.exports.flatMap((e) => e.services).filter((s) => s !== "atrium-traced")).toEqual([]);
    expect(collector.spans.some((s) => s.attributes["http.target"] === `/api/v1/tenants/${tenant.id}` && s.service !== "atrium-traced")).toBe(false);
  });
});
