import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedPostgresBlocker, firstUntraversable } from "@/lib/db/postgres-user-access";

// A clone inside a directory only its owner may enter, like root's home (0700).
const locked = mkdtempSync(path.join(tmpdir(), "atrium-locked-"));
chmodSync(locked, 0o700);
const dataDir = path.join(locked, "atrium", ".data", "pg-dev");
mkdirSync(path.dirname(dataDir), { recursive: true });
afterAll(() => rmSync(locked, { recursive: true, force: true }));

const stranger = { uid: 54321, gid: 54321 };

describe("the embedded PostgreSQL's reach as the postgres user", () => {
  it("finds the first directory another user cannot enter, and none once it is opened", () => {
    expect(firstUntraversable(dataDir, stranger)).toEqual({ dir: locked, mode: "0700" });
    chmodSync(locked, 0o711);
    try {
      expect(firstUntraversable(dataDir, stranger)).toBeNull();
    } finally {
      chmodSync(locked, 0o700);
    }
  });

  it("explains in one sentence why it cannot start and what to do", () => {
    const why = embeddedPostgresBlocker(dataDir, stranger);
    expect(why).toMatch(/^Cannot start the embedded PostgreSQL: .*cannot enter .*atrium-locked-\w+ \(mode 0700\).*set DATABASE_URL.*clone Atrium into a directory every user can traverse/);
    expect(why).not.toMatch(/\n|\.\s+[A-Z]/); // one sentence
    // This checkout and its node_modules are reachable, or the suite could not have started.
    expect(embeddedPostgresBlocker(path.resolve(".data/pg-anything"), stranger)).toBeNull();
  });

  it.runIf(process.getuid?.() === 0)("run as root, npm run dev / npm test stop at once with that sentence and no stack trace", () => {
    const script = `const { openDatabase } = await import("./scripts/lib/database.ts"); await openDatabase({ dir: ${JSON.stringify(dataDir)}, port: 1, database: "x" });`;
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: process.cwd(), env, encoding: "utf8", timeout: 30_000 });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot start the embedded PostgreSQL: as root it runs as the "postgres" user, who cannot enter /);
  });
});
