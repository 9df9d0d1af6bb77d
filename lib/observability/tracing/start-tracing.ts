import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

type Tracing = { provider: NodeTracerProvider; shutdown(): Promise<void> };
const globals = globalThis as unknown as { __atriumTracing?: Tracing };

/**
 * Registers the process's tracer provider, exporting spans over OTLP/HTTP (JSON)
 * to the collector at OTEL_EXPORTER_OTLP_ENDPOINT. instrumentation.ts calls it
 * only when that is set, before anything loads `pg`. With a provider
 * registered, Next emits its own server spans ("GET /api/v1/tenants/[id]");
 * the pg instrumentation adds each query as a child of the span it runs under.
 *
 * The exporter reads the standard variables itself (OTEL_EXPORTER_OTLP_ENDPOINT,
 * …_TRACES_ENDPOINT, …_HEADERS, …_TIMEOUT); OTEL_SERVICE_NAME names the service.
 * lib/server's shutdown flushes the last batch through globalThis.__atriumTracing.
 */
export function startTracing(): Tracing {
  if (globals.__atriumTracing) return globals.__atriumTracing;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": process.env.OTEL_SERVICE_NAME?.trim() || "atrium" }),
    // Batches go out every second: a request's spans reach the collector about a second after it is answered.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: 1_000 })],
  });
  // The global provider and the AsyncLocalStorage context manager, which carries the request's span to its queries.
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new PgInstrumentation({
        // Only queries made while serving something: pg-boss's polling and the LISTEN connection would otherwise be a trace each.
        requireParentSpan: true,
        // Statement text only, never the bound values (passwords' hashes, tokens, personal data).
        enhancedDatabaseReporting: false,
      }),
    ],
  });
  globals.__atriumTracing = { provider, shutdown: () => provider.shutdown() };
  return globals.__atriumTracing;
}
