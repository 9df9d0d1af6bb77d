import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// `npm run test:cluster`: production instances and Caddy on loopback (tests/cluster), one
// embedded PostgreSQL for the run. Files run one after another: they share ports and CPU.
export default defineConfig({
  // The same aliases as the main run's.
  resolve: base.resolve,
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
