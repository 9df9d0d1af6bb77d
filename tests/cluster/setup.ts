import { afterAll, inject } from "vitest";
import { closePools } from "@/lib/db/pools";

// Test files reach the database directly too (fixtures, checks), as the instances do.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET = inject("nextauthSecret");
process.env.ATRIUM_SERVER ??= "1";

afterAll(async () => {
  await closePools();
});
