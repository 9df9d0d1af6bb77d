import { createServer, type Server } from "node:http";
import { gunzipSync } from "node:zlib";

/**
 * A minimal OpenTelemetry collector for tests: an HTTP server that accepts
 * OTLP/HTTP JSON trace exports (POST /v1/traces, what
 * @opentelemetry/exporter-trace-otlp-http sends) and keeps the spans decoded.
 */
export type CollectedSpan = {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, unknown>;
};

export type OtlpCollector = {
  url: string;
  spans: CollectedSpan[];
  /** Export requests received, with the service.name of each resource in them. */
  exports: Array<{ path: string; services: string[] }>;
  waitFor(predicate: (spans: CollectedSpan[]) => boolean, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
};

type AnyValue = { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean; arrayValue?: { values?: AnyValue[] } };
type KeyValue = { key: string; value?: AnyValue };

const valueOf = (v: AnyValue | undefined): unknown => {
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(valueOf);
  return undefined;
};
const attributes = (kvs: KeyValue[] | undefined) => Object.fromEntries((kvs ?? []).map((kv) => [kv.key, valueOf(kv.value)]));

type ExportRequest = {
  resourceSpans?: Array<{
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: Array<{ scope?: { name?: string }; spans?: Array<{ traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: KeyValue[] }> }>;
  }>;
};

export async function startOtlpCollector(port: number): Promise<OtlpCollector> {
  const spans: CollectedSpan[] = [];
  const exports: OtlpCollector["exports"] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || !(req.headers["content-type"] ?? "").startsWith("application/json")) {
        res.writeHead(415, { "content-type": "text/plain" }).end("this test collector takes OTLP/HTTP JSON only\n");
        return;
      }
      let raw = Buffer.concat(chunks);
      if (req.headers["content-encoding"] === "gzip") raw = gunzipSync(raw);
      const body = JSON.parse(raw.toString("utf8")) as ExportRequest;
      const services: string[] = [];
      for (const rs of body.resourceSpans ?? []) {
        const service = String(attributes(rs.resource?.attributes)["service.name"] ?? "");
        services.push(service);
        for (const ss of rs.scopeSpans ?? []) {
          for (const s of ss.spans ?? []) {
            spans.push({
              service,
              scope: ss.scope?.name ?? "",
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId || null,
              name: s.name,
              kind: s.kind,
              attributes: attributes(s.attributes),
            });
          }
        }
      }
      exports.push({ path: req.url ?? "", services });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    exports,
    async waitFor(predicate, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(spans)) {
        if (Date.now() > deadline) throw new Error(`The collector did not receive the expected spans within ${timeoutMs} ms; it has ${spans.length}, the last: ${spans.slice(-30).map((s) => `${s.service}/${s.name}`).join(", ")}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
