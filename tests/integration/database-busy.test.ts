import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { asAppError } from "@/lib/http/errors";
import { failure } from "@/lib/http/respond";

// Overload, made real: a pool of one connection held by a transaction, and a second transaction whose
// maxWait passes before it gets one. That is a 503 with Retry-After (come back), never a 500.
describe("no database connection in time", () => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1, options: "-c role=atrium_app" });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  afterAll(async () => {
    await prisma.$disconnect();
    await pool.end();
  });

  it("Prisma's transaction start timeout answers 503 service_unavailable with Retry-After", async () => {
    let release!: () => void;
    let started!: () => void;
    const holding = new Promise<void>((r) => (started = r));
    const held = prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        started();
        await new Promise<void>((r) => (release = r));
      },
      { timeout: 20_000, maxWait: 10_000 },
    );
    await holding;
    const thrown = await prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1`, { maxWait: 100 }).then(
      () => null,
      (err: unknown) => err,
    );
    release();
    await held;
    expect((thrown as { code?: string } | null)?.code).toBe("P2028");
    const err = asAppError(thrown);
    expect(err?.code).toBe("service_unavailable");
    const res = failure(thrown, "req_test");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("service_unavailable");
  });

  it("node-postgres's own pool timeout is the same answer", async () => {
    const tiny = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1, connectionTimeoutMillis: 1_000 });
    const first = await tiny.connect();
    const thrown = await tiny.connect().then(
      (c) => (c.release(), null),
      (err: unknown) => err,
    );
    first.release();
    await tiny.end();
    expect(asAppError(thrown)?.status).toBe(503);
  });

  it("other errors stay unexpected (500)", () => {
    expect(asAppError(new Error("boom"))).toBeNull();
    expect(failure(new Error("boom")).status).toBe(500);
  });
});
