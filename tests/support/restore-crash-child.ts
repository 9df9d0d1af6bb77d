// Run by backups-crash.test.ts as a separate process and killed with SIGKILL
// while it loads rows: runs one queued restore. argv: restore id.
import { runRestore } from "@/lib/backups/run-restore";

const status = await runRestore(process.argv[2]);
console.log(`restore finished: ${status}`);
process.exit(0);
