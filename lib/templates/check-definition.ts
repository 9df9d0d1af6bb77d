import { AppError } from "@/lib/http/errors";
import { limitsAbovePlatformMax } from "@/lib/schemas/tenant";
import type { TemplateDefinition } from "@/lib/schemas/templates";
import { checkStarterSql } from "@/lib/templates/starter-sql";
import { templateLimits } from "@/lib/templates/template-diff";

/** The checks a definition needs beyond its schema, at save time: limits within the platform's maximum, starter SQL that may run. */
export async function checkDefinition(def: TemplateDefinition): Promise<void> {
  const overMax = limitsAbovePlatformMax(templateLimits(def));
  if (overMax.length) throw new AppError("limits_exceeded", "The template's limits exceed the platform maximum", overMax.map((d) => ({ ...d, path: `definition.${d.path}` })));
  if (def.starter_sql) await checkStarterSql(def.starter_sql);
}
