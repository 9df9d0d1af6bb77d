import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { appPool } from "@/lib/db/pools";

const globals = globalThis as unknown as { __atriumPrisma?: PrismaClient };

/** Prisma over the RLS-bound app pool. */
export function db(): PrismaClient {
  if (!globals.__atriumPrisma) {
    globals.__atriumPrisma = new PrismaClient({ adapter: new PrismaPg(appPool()) });
  }
  return globals.__atriumPrisma;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
