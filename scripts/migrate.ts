import { migrate } from "@/lib/db/migrate";
import { useDatabase } from "./lib/database";

const database = await useDatabase();
try {
  const result = await migrate(database.url, { log: (m) => console.log(m) });
  console.log(`migrations: ${result.applied.length} applied, ${result.skipped.length} already applied`);
} finally {
  await database.stop();
}
