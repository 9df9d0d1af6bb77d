// One place that reads configuration, so the README's list stays true.

/** A whole number ≥ 1 from the environment, or the default; anything else stops with the variable's name rather than limiting by NaN. */
function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a whole number of at least 1, not "${raw}"`);
  return Number(raw);
}

export const env = {
  get databaseUrl(): string {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (npm run dev starts an embedded PostgreSQL and sets it)");
    return url;
  },
  /** Host (with port) of the platform console; tenants live on `<slug>.<rootDomain>`. */
  get rootDomain(): string {
    return (process.env.APP_ROOT_DOMAIN ?? "localhost:3000").toLowerCase();
  },
  /** Scheme used when Atrium builds absolute links to itself. */
  get publicScheme(): "http" | "https" {
    return process.env.APP_PUBLIC_SCHEME === "https" ? "https" : "http";
  },
  /** Seed 000's rate-limit table (lib/http/rate-limit-classes.ts): per caller, and per tenant on tenant routes. */
  get tenantCreateRateLimitPerHour(): number {
    return positiveInt("RATE_LIMIT_TENANT_CREATE_PER_HOUR", 10);
  },
  get tenantQueriesRateLimitPerMinute(): number {
    return positiveInt("RATE_LIMIT_TENANT_QUERIES_PER_MINUTE", 100);
  },
  get resourceUsageRateLimitPerMinute(): number {
    return positiveInt("RATE_LIMIT_RESOURCE_USAGE_PER_MINUTE", 50);
  },
  get backupOperationsRateLimitPerHour(): number {
    return positiveInt("RATE_LIMIT_BACKUP_OPERATIONS_PER_HOUR", 5);
  },
  get schemaOperationsRateLimitPerMinute(): number {
    return positiveInt("RATE_LIMIT_SCHEMA_OPERATIONS_PER_MINUTE", 25);
  },
  /** Where backups go when BACKUP_S3_URL is unset: a local directory (lib/backups/storage.ts). */
  get backupDir(): string {
    return process.env.BACKUP_DIR?.trim() || ".data/backups";
  },
  /** s3://bucket/prefix, optionally with ?endpoint=http://host:port&region=…&force_path_style=true for S3-compatible servers; unset: BACKUP_DIR. */
  get backupS3Url(): string | null {
    return process.env.BACKUP_S3_URL?.trim() || null;
  },
  /** 32 bytes as 64 hex digits or base64, for AES-256-GCM backups; unset: encrypted backups are refused. Throws on a malformed key. */
  get backupEncryptionKey(): Buffer | null {
    const raw = process.env.BACKUP_ENCRYPTION_KEY?.trim();
    if (!raw) return null;
    const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
    if (key.length !== 32) throw new Error("BACKUP_ENCRYPTION_KEY must be 32 bytes, as 64 hex digits or base64");
    return key;
  },
  /** Seed 003's API calls per hour for a tenant's API keys together, by plan. */
  apiCallsPerHour(plan: "basic" | "professional" | "enterprise", fallback: number): number {
    return positiveInt(`RATE_LIMIT_API_CALLS_PER_HOUR_${plan.toUpperCase()}`, fallback);
  },
  /** Days of raw usage events kept (whole daily partitions are dropped after that); rollups stay. */
  get usageRawRetentionDays(): number {
    return positiveInt("USAGE_RAW_RETENTION_DAYS", 35);
  },
  get signInMaxFailures(): number {
    return Number(process.env.SIGN_IN_MAX_FAILURES ?? 5);
  },
  /** Staff must use a second factor (issue 13): default true in production, false otherwise; only "true"/"false" are accepted. */
  get requireStaff2fa(): boolean {
    const raw = process.env.REQUIRE_STAFF_2FA?.trim();
    if (!raw) return process.env.NODE_ENV === "production";
    if (raw === "true" || raw === "false") return raw === "true";
    throw new Error(`REQUIRE_STAFF_2FA must be "true" or "false", not "${raw}"`);
  },
  /**
   * AUDIT_RETENTION_DAYS_BASIC / _PROFESSIONAL / _ENTERPRISE: days of audit
   * log a plan keeps; `unlimited` never prunes; unset: the plan's default
   * (lib/tenants/plans.ts).
   */
  auditRetentionDays(plan: "basic" | "professional" | "enterprise"): number | null | undefined {
    const name = `AUDIT_RETENTION_DAYS_${plan.toUpperCase()}`;
    const raw = process.env[name]?.trim();
    if (!raw) return undefined;
    if (raw === "unlimited") return null;
    const days = Number(raw);
    if (!Number.isInteger(days) || days < 1) throw new Error(`${name} must be a whole number of days (at least 1) or "unlimited", not ${JSON.stringify(raw)}`);
    return days;
  },
  /**
   * Reverse proxies in front of Atrium that append to X-Forwarded-For (1 behind
   * one Caddy or nginx). 0, the default, trusts no forwarding header at all.
   */
  get trustedProxyCount(): number {
    const raw = (process.env.TRUSTED_PROXY_COUNT ?? "0").trim();
    if (!/^\d{1,2}$/.test(raw)) throw new Error(`TRUSTED_PROXY_COUNT must be a whole number of proxies (0 when clients connect directly), not "${raw}"`);
    return Number(raw);
  },
  /** Invitation emails (new invitations and resends) per tenant per hour: invitations must not become a spam cannon. */
  get invitationRateLimitPerHour(): number {
    return Number(process.env.RATE_LIMIT_INVITATIONS_PER_HOUR ?? 100);
  },
  /** Minutes between two resends of one invitee's invitation. */
  get invitationResendIntervalMinutes(): number {
    return Number(process.env.RATE_LIMIT_INVITATION_RESEND_MINUTES ?? 5);
  },
  /**
   * DNS servers for domain verification (`ip` or `ip:port`, comma-separated);
   * empty means the system's resolvers. Tests point it at a loopback server.
   */
  /** Seed 000's "Domain Configuration" limit: domain changes and DNS checks per caller and per tenant per hour. */
  get domainConfigRateLimitPerHour(): number {
    return positiveInt("RATE_LIMIT_DOMAIN_CONFIG_PER_HOUR", 20);
  },
  /** Logo and favicon uploads per tenant per 10 minutes (each is up to 512 KB kept in PostgreSQL). */
  get brandingUploadRateLimitPer10Minutes(): number {
    return Number(process.env.RATE_LIMIT_BRANDING_UPLOADS_PER_10_MINUTES ?? 20);
  },
  get dnsServers(): string[] {
    return (process.env.DNS_SERVERS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  },
  /** Seconds a SIGTERM'd server waits for in-flight requests and running jobs before it exits anyway. */
  get shutdownTimeoutSeconds(): number {
    return positiveInt("SHUTDOWN_TIMEOUT_SECONDS", 25);
  },
  /** pino's level for the structured JSON logs. */
  get logLevel(): "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent" {
    const raw = (process.env.LOG_LEVEL ?? "info").trim().toLowerCase();
    const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
    if (!(levels as readonly string[]).includes(raw)) throw new Error(`LOG_LEVEL must be one of ${levels.join(", ")}, not "${raw}"`);
    return raw as (typeof levels)[number];
  },
  /** This instance's name in every log line (`instance`), so lines from several instances can be told apart; unset: hostname and pid only. */
  get instanceName(): string | null {
    return process.env.ATRIUM_INSTANCE?.trim().slice(0, 100) || null;
  },
  /** Bearer token that GET /api/metrics requires; unset: the metrics endpoint answers 404. */
  get metricsToken(): string | null {
    return process.env.METRICS_TOKEN?.trim() || null;
  },
  /** OTLP/HTTP endpoint for traces (the collector's base URL, e.g. http://127.0.0.1:4318); unset: tracing is off. */
  get otlpEndpoint(): string | null {
    return process.env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || null;
  },
  get dbPoolSize(): number {
    return Number(process.env.DB_POOL_SIZE ?? 10);
  },
  /** Connections per tenant in the data plane's pool (lib/dataplane/tenant-pools.ts); the tenant's CONNECTION LIMIT still caps it. */
  get dataplanePoolSize(): number {
    return Number(process.env.DATAPLANE_POOL_SIZE ?? 4);
  },
  /** Tenant pools kept open at once per process; the least recently used are closed past it. */
  get dataplaneMaxPools(): number {
    return Number(process.env.DATAPLANE_MAX_POOLS ?? 50);
  },
  /** SMTP server for outgoing mail (`smtp://user:pass@host:587`); unset, mail stays in the console's outbox. */
  get smtpUrl(): string | null {
    return process.env.SMTP_URL?.trim() || null;
  },
  get mailFrom(): string {
    return process.env.MAIL_FROM?.trim() || "Atrium <no-reply@localhost>";
  },
  /** Platform support contact shown on dead-end pages (404, suspended portals, used invitations); a tenant's branding may override it. */
  get supportEmail(): string | null {
    return process.env.SUPPORT_EMAIL?.trim() || null;
  },
  get supportUrl(): string | null {
    return process.env.SUPPORT_URL?.trim() || null;
  },
  /**
   * Key that encrypts webhook signing secrets at rest (any string of 32+ characters;
   * HKDF-SHA256 makes the AES-256 key). Unset: derived from NEXTAUTH_SECRET.
   */
  get webhookSecretKey(): string | null {
    return process.env.WEBHOOK_SECRET_KEY?.trim() || process.env.NEXTAUTH_SECRET?.trim() || null;
  },
  /**
   * Key that encrypts every secret stored to be read again (webhook signing
   * secrets, SSO client secrets): 32+ characters, HKDF-SHA256 makes the AES-256
   * key. Unset: webhookSecretKey's source, so values sealed before it existed
   * still open (lib/webhooks/secret-box.ts also tries that source when set).
   */
  /**
   * SSO issuers may be http and reach loopback or private addresses (tests run
   * an OpenID provider on loopback). Off: https only, public addresses only.
   */
  get ssoAllowInsecureIssuers(): boolean {
    return process.env.SSO_ALLOW_INSECURE_ISSUERS === "true";
  },
  get secretsEncryptionKey(): string | null {
    const raw = process.env.SECRETS_ENCRYPTION_KEY?.trim();
    if (raw && raw.length < 32) throw new Error("SECRETS_ENCRYPTION_KEY must be at least 32 characters");
    return raw || null;
  },
  /** How long an export's signed download link works (seconds; default 15 minutes). */
  get exportLinkTtlSeconds(): number {
    return positiveInt("EXPORT_LINK_TTL_SECONDS", 900);
  },
  /** Days an export archive is kept after it completes; then the sweep deletes the archive and its job (default 7: exports serve moves and data-subject requests, not retention). */
  get exportRetentionDays(): number {
    return positiveInt("EXPORT_RETENTION_DAYS", 7);
  },
  /** Key that signs export download links (32+ characters; HKDF-SHA256 derives the HMAC key). Unset: derived from NEXTAUTH_SECRET. */
  get exportLinkKey(): string | null {
    return process.env.EXPORT_LINK_KEY?.trim() || process.env.NEXTAUTH_SECRET?.trim() || null;
  },
  /** Lets webhooks reach private and loopback addresses over http (tests, on-premise); link-local stays refused. */
  get webhookAllowPrivateNetworks(): boolean {
    return process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS === "true";
  },
};
