import { IMPORTED_ENTITY_SCHEMAS, controlFile, type ArchivedControlPlane, type ImportedEntity } from "@/lib/exports/archive-format";
import { invalidArchive } from "@/lib/exports/read-archive";
import type { ErrorDetail } from "@/lib/http/errors";

/** Every control-plane line the import uses, checked against its schema; all faults reported together as invalid_archive. */
export function parseControlPlane(control: Map<string, string[]>): ArchivedControlPlane {
  const problems: ErrorDetail[] = [];
  const out = {} as Record<ImportedEntity, unknown[]>;
  for (const entity of Object.keys(IMPORTED_ENTITY_SCHEMAS) as ImportedEntity[]) {
    const lines = control.get(entity);
    const file = controlFile(entity);
    if (!lines) {
      problems.push({ path: file, message: "Missing from the archive" });
      continue;
    }
    out[entity] = lines.flatMap((line, i) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        problems.push({ path: `${file}:${i + 1}`, message: "Not valid JSON" });
        return [];
      }
      const parsed = IMPORTED_ENTITY_SCHEMAS[entity].safeParse(value);
      if (parsed.success) return [parsed.data];
      const issue = parsed.error.issues[0];
      problems.push({ path: `${file}:${i + 1}`, message: `${issue.path.join(".") || "(line)"}: ${issue.message}` });
      return [];
    });
  }
  if (!problems.length && out.tenant.length !== 1) problems.push({ path: controlFile("tenant"), message: "Must hold exactly one tenant" });
  if (problems.length) throw invalidArchive(`The archive's control-plane files are not valid: ${problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems);
  return out as ArchivedControlPlane;
}
