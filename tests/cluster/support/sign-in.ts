import type { HostResponse } from "../../../scripts/lib/host-request";
import type { Target } from "./api";

/** name=value of every Set-Cookie in a response. */
export function cookiesOf(res: HostResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers["set-cookie"] ?? []) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

const cookieHeader = (jar: Record<string, string>) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join("; ");

/**
 * Signs in as the login form does, each step sent to the next of `targets` in turn
 * (so the steps cross instances): the password step (POST /api/sign-in/password),
 * next-auth's CSRF token, then next-auth's "ticket" credentials callback, which sets
 * the session cookie. Returns the Cookie header carrying that session.
 */
export async function signIn(targets: Target[], o: { host: string; email: string; password: string; scheme?: "https" | "http" }): Promise<string> {
  const origin = `${o.scheme ?? "https"}://${o.host}`;
  const pick = (i: number) => targets[i % targets.length];
  const step = await pick(0).send({
    host: o.host,
    method: "POST",
    path: "/api/sign-in/password",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email: o.email, password: o.password }),
  });
  if (step.status !== 200) throw new Error(`password step on ${pick(0).name}: ${step.status} ${step.body.slice(0, 300)}`);
  const { data } = step.json<{ data: { next: string; ticket?: string } }>();
  if (data.next !== "complete" || !data.ticket) throw new Error(`password step asked for ${data.next}, not a ticket`);

  const csrf = await pick(1).send({ host: o.host, path: "/api/auth/csrf" });
  if (csrf.status !== 200) throw new Error(`csrf on ${pick(1).name}: ${csrf.status}`);
  const jar = cookiesOf(csrf);
  const { csrfToken } = csrf.json<{ csrfToken: string }>();

  const form = new URLSearchParams({ csrfToken, ticket: data.ticket, callbackUrl: `${origin}/`, json: "true" }).toString();
  const callback = await pick(2).send({
    host: o.host,
    method: "POST",
    path: "/api/auth/callback/ticket",
    headers: { "content-type": "application/x-www-form-urlencoded", origin, cookie: cookieHeader(jar) },
    body: form,
  });
  const set = cookiesOf(callback);
  const name = Object.keys(set).find((k) => k.endsWith("next-auth.session-token"));
  if (!name || !set[name]) throw new Error(`callback on ${pick(2).name} set no session cookie: ${callback.status} ${callback.body.slice(0, 300)}`);
  return `${name}=${set[name]}`;
}
