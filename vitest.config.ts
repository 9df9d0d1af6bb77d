import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only-stub.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    // Production instances behind Caddy: `npm run test:cluster` (vitest.cluster.config.ts), after a build.
    exclude: ["tests/cluster/**", "**/node_modules/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: true,
    // The files mostly wait on PostgreSQL (and scrypt's thread pool), so Vitest's default of
    // one worker per core minus one would leave a 2-core machine running them one at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
