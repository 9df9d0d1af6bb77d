/** A PostgreSQL identifier, double-quoted (lib/dataplane's quoteIdent once the data plane is merged). */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
