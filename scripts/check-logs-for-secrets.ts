// Greps log files for secrets: every password and secret the e2e and cluster suites use
// (e2e/support/secrets.ts, tests/cluster/support/secrets.ts), NEXTAUTH_SECRET of the run, the test databases'
// passwords (.data/*.password), and the shapes of Atrium's credentials
// (scripts/lib/secret-scan.ts). Prints file:line and which secret (never the
// secret itself) and exits 1 when it finds any; a missing or empty log is a
// failure too (a check of nothing proves nothing).
//
//   tsx scripts/check-logs-for-secrets.ts [--secret NAME=VALUE]... FILE|DIR...
//
// npm test runs it on test-results/e2e-server.log (and test-results/cluster/ when present).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { E2E_SECRETS } from "../e2e/support/secrets";
import { CLUSTER_SECRETS } from "../tests/cluster/support/secrets";
import { scanText, type Finding, type KnownSecret } from "./lib/secret-scan";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { secret: { type: "string", multiple: true } } });
if (positionals.length === 0) {
  console.error("usage: tsx scripts/check-logs-for-secrets.ts [--secret NAME=VALUE]... FILE|DIR...");
  process.exit(2);
}

const known: KnownSecret[] = Object.entries({ ...E2E_SECRETS, ...CLUSTER_SECRETS }).map(([name, value]) => ({ name, value }));
if (process.env.NEXTAUTH_SECRET) known.push({ name: "NEXTAUTH_SECRET", value: process.env.NEXTAUTH_SECRET });
for (const spec of values.secret ?? []) {
  const eq = spec.indexOf("=");
  if (eq < 1) {
    console.error(`--secret takes NAME=VALUE, not "${spec}"`);
    process.exit(2);
  }
  known.push({ name: spec.slice(0, eq), value: spec.slice(eq + 1) });
}
// The embedded PostgreSQL superuser passwords of this checkout's test databases (lib/db/embedded.ts writes them there).
if (existsSync(".data")) {
  for (const f of readdirSync(".data")) if (f.endsWith(".password")) known.push({ name: `database password (.data/${f})`, value: readFileSync(path.join(".data", f), "utf8").trim() });
}

const files: string[] = [];
let problems = 0;
for (const p of positionals) {
  if (!existsSync(p)) {
    console.error(`${p}: no such file (the log to check is missing)`);
    problems++;
  } else if (statSync(p).isDirectory()) {
    const logs = readdirSync(p).filter((f) => f.endsWith(".log")).map((f) => path.join(p, f));
    if (logs.length === 0) {
      console.error(`${p}: no .log files in it`);
      problems++;
    }
    files.push(...logs);
  } else files.push(p);
}

const findings: Finding[] = [];
let lines = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const count = text.split("\n").filter((l) => l.trim()).length;
  if (count === 0) {
    console.error(`${file}: empty (the server wrote nothing?)`);
    problems++;
  }
  lines += count;
  findings.push(...scanText(text, file, known));
}

for (const f of findings) console.error(`${f.file}:${f.line}: ${f.secret}\n    ${f.excerpt}`);
console.log(`secret check: ${lines} line(s) in ${files.length} file(s), ${known.length} known secret(s) and every credential shape; ${findings.length} finding(s)`);
process.exit(findings.length > 0 || problems > 0 ? 1 : 0);
