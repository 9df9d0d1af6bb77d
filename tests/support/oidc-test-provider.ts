import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { JWK } from "oidc-provider";

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on loopback,
 * for the SSO tests (Vitest and Playwright). Its login is automatic: the
 * interaction route signs in whichever account the test chose last
 * (`setAccount`) and grants the requested scopes, so a browser (or the test's
 * own redirect-following) goes straight from /auth back to the client.
 */

export type TestAccount = { sub: string; email: string; email_verified: boolean; name?: string; groups?: string[] };

export type TestIdp = {
  /** The issuer, exactly as the discovery document states it. */
  issuer: string;
  port: number;
  setAccount(account: TestAccount): void;
  close(): Promise<void>;
};

export type TestIdpOptions = {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Defaults to http://127.0.0.1:<its port>; another value makes a provider whose issuer is not where it is served. */
  issuer?: string;
  /** The RSA signing key (a fresh one when left out). */
  signingKey?: JWK;
};

/** A fresh RS256 private JWK with a fixed kid, so two providers can share a kid and differ only in the key. */
export function newSigningKey(kid = "test-signing-key"): JWK {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...(privateKey.export({ format: "jwk" }) as JWK), kid, alg: "RS256", use: "sig" };
}

/** Listens on a loopback port now; `handle` is set once the app behind it exists. */
export async function loopbackServer(): Promise<{ server: http.Server; port: number; handle(fn: http.RequestListener): void }> {
  let listener: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port, handle: (fn) => (listener = fn) };
}

export async function startTestIdp(opts: TestIdpOptions): Promise<TestIdp> {
  // ESM-only package: loaded when a test needs it.
  const { default: Provider } = await import("oidc-provider");
  const loop = await loopbackServer();
  const issuer = opts.issuer ?? `http://127.0.0.1:${loop.port}`;
  const accounts = new Map<string, TestAccount>();
  let current: TestAccount | null = null;

  const provider = new Provider(issuer, {
    clients: [{ client_id: opts.clientId, client_secret: opts.clientSecret, redirect_uris: opts.redirectUris, grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic" }],
    jwks: { keys: [opts.signingKey ?? newSigningKey()] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    findAccount: (_ctx, id) => {
      const a = accounts.get(id);
      return a ? { accountId: id, claims: () => ({ ...a }) } : undefined;
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    cookies: { keys: ["oidc-test-cookie-key-0123456789"] },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  // Quiet: refusals the tests provoke are expected.
  provider.on("server_error", () => {});

  const callback = provider.callback();
  loop.handle(async (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (!current) throw new Error("The test set no account (setAccount)");
      const accountId = current.sub;
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    } catch (err) {
      res.writeHead(500, { "content-type": "text/plain" }).end((err as Error).message);
    }
  });

  return {
    issuer,
    port: loop.port,
    setAccount(account) {
      accounts.set(account.sub, account);
      current = account;
    },
    close: () => new Promise<void>((resolve) => loop.server.close(() => resolve())),
  };
}

/**
 * A provider whose ID tokens are signed by a key it does not publish: a proxy
 * at the issuer's address serves the JWKS of `published` and everything else
 * (discovery, authorization, token, userinfo) from `signer`. Both are real
 * providers with the same issuer and client; only the keys differ.
 */
export async function startKeyMismatchIdp(opts: Omit<TestIdpOptions, "issuer" | "signingKey">): Promise<TestIdp> {
  const front = await loopbackServer();
  const issuer = `http://127.0.0.1:${front.port}`;
  const published = await startTestIdp({ ...opts, issuer, signingKey: newSigningKey() });
  const signer = await startTestIdp({ ...opts, issuer, signingKey: newSigningKey() });
  front.handle((req, res) => {
    const target = req.url?.startsWith("/jwks") ? published.port : signer.port;
    const upstream = http.request({ host: "127.0.0.1", port: target, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return {
    issuer,
    port: front.port,
    setAccount: (a) => signer.setAccount(a),
    close: async () => {
      await Promise.all([published.close(), signer.close(), new Promise<void>((resolve) => front.server.close(() => resolve()))]);
    },
  };
}

/**
 * Follows the provider's redirects as a browser would (its own cookies kept)
 * from the authorization URL until it sends the browser back to `redirectPrefix`;
 * answers that URL (with code and state, or error).
 */
export async function followToCallback(authorizationUrl: string, redirectPrefix: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let i = 0; i < 10; i++) {
    if (url.startsWith(redirectPrefix)) return new URL(url);
    const res = await fetch(url, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = pair.split("=");
      jar.set(k.trim(), v.join("="));
    }
    const location = res.headers.get("location");
    if (!location) throw new Error(`The provider answered ${res.status} at ${url} without a redirect: ${(await res.text()).slice(0, 300)}`);
    url = new URL(location, url).href;
  }
  throw new Error("Too many redirects at the provider");
}
