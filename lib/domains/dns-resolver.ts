import { Resolver } from "node:dns/promises";
import { env } from "@/lib/env";

/** Where the verification record of `domain` lives. */
export const challengeName = (domain: string) => `_atrium-challenge.${domain}`;

/**
 * What DNS said about a challenge record: found with the token, definitely
 * absent (NXDOMAIN, no TXT, or TXT without the token), or no answer at all
 * (timeout, SERVFAIL, refused) — which must not count as "record removed".
 */
export type ChallengeResult = { kind: "match" } | { kind: "absent"; error: string } | { kind: "unreachable"; error: string };

const ABSENT_CODES = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN", "ENONAME"]);

function resolver(): Resolver {
  // A fresh resolver per check: DNS_SERVERS is read at call time, and no answer is cached here.
  const r = new Resolver({ timeout: 2000, tries: 2 });
  const servers = env.dnsServers;
  if (servers.length) r.setServers(servers);
  return r;
}

/** Looks up TXT at `_atrium-challenge.<domain>` and compares each record with the token. */
export async function checkChallenge(domain: string, token: string): Promise<ChallengeResult> {
  const name = challengeName(domain);
  let records: string[][];
  try {
    records = await resolver().resolveTxt(name);
  } catch (err) {
    const code = (err as { code?: string }).code ?? "error";
    if (ABSENT_CODES.has(code)) return { kind: "absent", error: `No TXT record at ${name}` };
    return { kind: "unreachable", error: `DNS lookup of ${name} failed (${code})` };
  }
  // A long TXT value may arrive split into several strings; they form one record.
  if (records.some((chunks) => chunks.join("").trim() === token)) return { kind: "match" };
  return { kind: "absent", error: records.length ? `The TXT record at ${name} does not contain this domain's token` : `No TXT record at ${name}` };
}
