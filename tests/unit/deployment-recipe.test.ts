import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";

const readme = readFileSync("README.md", "utf8");
const deployment = readme.slice(readme.indexOf("\n## Deployment\n"), readme.indexOf("\n## Architecture\n"));

/** The body of the first ```<lang> block of the README's Deployment section. */
function block(lang: string): string {
  const m = deployment.match(new RegExp("```" + lang + "\\n([\\s\\S]*?)```\\n"));
  if (!m) throw new Error(`no \`\`\`${lang} block in the README's Deployment section`);
  return m[1];
}

describe("the README's deployment recipe", () => {
  it("shows deploy/Caddyfile, the file the cluster suite runs Caddy with, whole and unchanged", () => {
    expect(block("caddyfile")).toBe(readFileSync("deploy/Caddyfile", "utf8"));
  });

  it("shows deploy/atrium.service whole and unchanged, stopping with SIGTERM and waiting longer than the drain", () => {
    const unit = readFileSync("deploy/atrium.service", "utf8");
    expect(block("ini")).toBe(unit);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    const stopSeconds = Number(unit.match(/^TimeoutStopSec=(\d+)$/m)?.[1]);
    // SHUTDOWN_TIMEOUT_SECONDS' default, with room for the worker and pools after it.
    delete process.env.SHUTDOWN_TIMEOUT_SECONDS;
    expect(stopSeconds).toBeGreaterThan(env.shutdownTimeoutSeconds + 5);
  });
});
