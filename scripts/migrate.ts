import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "./lib/database";

const database = await openDatabase();
try {
  const result = await migrate(database.url, { log: (m) => console.log(m) });
  console.log(`migrations: ${result.applied.length} applied, ${result.skipped.length} already applied`);
} finally {
  await database.stop();
}
