// One place that reads configuration, so the README's list stays true.
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
  get tenantCreateRateLimitPerHour(): number {
    return Number(process.env.RATE_LIMIT_TENANT_CREATE_PER_HOUR ?? 10);
  },
  get signInMaxFailures(): number {
    return Number(process.env.SIGN_IN_MAX_FAILURES ?? 5);
  },
  /**
   * DNS servers for domain verification (`ip` or `ip:port`, comma-separated);
   * empty means the system's resolvers. Tests point it at a loopback server.
   */
  /** Seed 000's "Domain Configuration" limit: configure and verify calls per tenant per hour. */
  get domainConfigRateLimitPerHour(): number {
    return Number(process.env.RATE_LIMIT_DOMAIN_CONFIG_PER_HOUR ?? 20);
  },
  get dnsServers(): string[] {
    return (process.env.DNS_SERVERS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  },
  get dbPoolSize(): number {
    return Number(process.env.DB_POOL_SIZE ?? 10);
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
};
