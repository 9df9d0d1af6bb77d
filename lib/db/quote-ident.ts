import { AppError } from "@/lib/http/errors";

/** A PostgreSQL identifier, double-quoted: the one way a schema, role, table or column name reaches SQL text. */
export function quoteIdent(name: string): string {
  if (name.includes("\u0000")) throw new AppError("invalid_request", "Identifiers cannot contain NUL characters");
  return `"${name.replace(/"/g, '""')}"`;
}
