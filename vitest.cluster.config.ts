import path from "node:path";
import { defineConfig } from "vitest/config";

// `npm run test:cluster`: production instances and Caddy on loopback (tests/cluster), one
// embedded PostgreSQL for the run. Files run one after another: they share ports and CPU.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only-stub.ts"),
    },
  },
  test: {
    include: ["tests/cluster/**/*.test.ts"],
    globalSetup: ["tests/cluster/global-setup.ts"],
    setupFiles: ["tests/cluster/setup.ts"],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
    maxWorkers: 1,
  },
});
