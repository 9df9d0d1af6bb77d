import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { failure } from "@/lib/http/respond";
import { CONFLICT_ATTEMPTS, isRetryableConflict, retryOnConflict } from "@/lib/db/retry-on-conflict";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { withTenantSql } from "@/lib/db/sql-scope";
import { makeTenant } from "../support/fixtures";
import { ownerQuery } from "../support/db";

const deadlock = () => Object.assign(new Error("deadlock detected"), { code: "40P01" });

describe("isRetryableConflict", () => {
  it("recognises deadlocks and serialisation failures, raw or wrapped by Prisma, and nothing else", () => {
    expect(isRetryableConflict(deadlock())).toBe(true);
    expect(isRetryableConflict({ code: "40001" })).toBe(true);
    expect(isRetryableConflict({ code: "P2034" })).toBe(true);
    expect(isRetryableConflict({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "40P01", kind: "TransactionWriteConflict" } } } })).toBe(true);
    expect(isRetryableConflict(new Error("wrapped", { cause: deadlock() }))).toBe(true);
    expect(isRetryableConflict({ code: "23505" })).toBe(false);
    expect(isRetryableConflict({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "42501", kind: "postgres" } } } })).toBe(false);
    expect(isRetryableConflict(new AppError("invalid_state", "no"))).toBe(false);
    expect(isRetryableConflict(null)).toBe(false);
  });
});

describe("retryOnConflict", () => {
  it("runs a transaction that deadlocked again, and answers its result", async () => {
    let calls = 0;
    const r = await retryOnConflict(async () => {
      if (++calls < 3) throw deadlock();
      return "done";
    });
    expect(r).toBe("done");
    expect(calls).toBe(3);
  });

  it("gives up after the bound with 409 concurrent_update (Retry-After), never a 500", async () => {
    let calls = 0;
    const err = await retryOnConflict(async () => {
      calls++;
      throw deadlock();
    }).catch((e: unknown) => e);
    expect(calls).toBe(CONFLICT_ATTEMPTS);
    expect(err).toBeInstanceOf(AppError);
    const res = failure(err);
    expect(res.status).toBe(409);
    expect(res.headers.get("retry-after")).toBe("1");
    expect((await res.json()).error.code).toBe("concurrent_update");
  });

  it("does not rerun other errors", async () => {
    let calls = 0;
    await expect(
      retryOnConflict(async () => {
        calls++;
        throw new AppError("invalid_state", "no");
      }),
    ).rejects.toThrow("no");
    expect(calls).toBe(1);
  });

  it("is what withTenantScope and withPlatformScope do, within the same bound", async () => {
    for (const scope of [(fn: () => Promise<never>) => withTenantScope("tnt_none", fn), (fn: () => Promise<never>) => withPlatformScope(fn)]) {
      let calls = 0;
      const code = await scope(async () => {
        calls++;
        throw deadlock();
      }).catch((e: { code?: string }) => e.code);
      expect(code).toBe("concurrent_update");
      expect(calls).toBe(CONFLICT_ATTEMPTS);
    }
  });
});

describe("a real deadlock in PostgreSQL", () => {
  let A: string;
  const days = ["2026-05-01", "2026-05-02"];
  beforeAll(async () => {
    A = (await makeTenant()).id;
    for (const day of days) await ownerQuery("INSERT INTO tenant_usage_daily (tenant_id, day, meter) VALUES ($1, $2, 'api_calls')", [A, day]);
  });

  /**
   * Two transactions update the same two rows in opposite orders, each waiting
   * for the other to hold its first row: PostgreSQL aborts one (40P01). Its
   * rerun no longer waits at the barrier. Answers how often each body ran and
   * what each row gained.
   */
  async function crossed(runTx: (body: (update: (day: string) => Promise<void>) => Promise<void>) => Promise<void>) {
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((r) => (release = r));
    const runs = [0, 0];
    const before = await ownerQuery<{ users: number }>("SELECT count::int AS users FROM tenant_usage_daily WHERE tenant_id = $1 ORDER BY day", [A]);
    await Promise.all(
      [0, 1].map((i) =>
        runTx(async (update) => {
          runs[i]++;
          await update(days[i]);
          if (++arrived === 2) release();
          await bothHoldOne;
          await update(days[1 - i]);
        }),
      ),
    );
    const after = await ownerQuery<{ users: number }>("SELECT count::int AS users FROM tenant_usage_daily WHERE tenant_id = $1 ORDER BY day", [A]);
    return { runs, added: after.map((r, k) => r.users - before[k].users) };
  }

  it("through withTenantScope (Prisma): the victim runs again and both commit exactly once", async () => {
    const r = await crossed((body) =>
      withTenantScope(A, (tx) =>
        body(async (day) => {
          await tx.$executeRaw`UPDATE tenant_usage_daily SET count = count + 1 WHERE tenant_id = ${A} AND day = ${day}::date`;
        }),
      ),
    );
    expect(r.runs.sort()).toEqual([1, 2]);
    expect(r.added).toEqual([2, 2]);
  });

  it("through withTenantSql (plain pg): the same", async () => {
    const r = await crossed((body) =>
      withTenantSql(A, (q) =>
        body(async (day) => {
          await q("UPDATE tenant_usage_daily SET count = count + 1 WHERE tenant_id = $1 AND day = $2::date", [A, day]);
        }),
      ),
    );
    expect(r.runs.sort()).toEqual([1, 2]);
    expect(r.added).toEqual([2, 2]);
  });
});
