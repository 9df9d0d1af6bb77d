/**
 * PostgreSQL text cannot hold a NUL character (it fails with 22021), and an
 * unpaired UTF-16 surrogate has no UTF-8 form (it would be stored as U+FFFD,
 * silently changing what was sent). Both are refused at the boundary, naming
 * where they were, so bad input never reaches SQL.
 */
function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "Contains a NUL character (\\u0000), which cannot be stored";
  if (!s.isWellFormed()) return "Contains an unpaired UTF-16 surrogate (invalid Unicode), which cannot be stored";
  return null;
}

type PathNode = { key: string | number; parent: PathNode | null } | null;

function pathOf(node: PathNode): string {
  const parts: (string | number)[] = [];
  for (let n = node; n; n = n.parent) parts.push(typeof n.key === "string" ? n.key.replace(/\u0000/g, "\\u0000") : n.key);
  return parts.reverse().join(".");
}

/**
 * The first string or object key in `value` that cannot be stored, with its
 * dotted path (the same form as Zod's field details), or null. Walks without
 * recursion and builds a path only for the culprit: a 1 MB JSON body can nest
 * deeper than the call stack, and copying paths level by level would be quadratic.
 */
export function findUnsafeText(value: unknown, prefix: (string | number)[] = []): { path: string; message: string } | null {
  let root: PathNode = null;
  for (const key of prefix) root = { key, parent: root };
  const stack: { value: unknown; node: PathNode }[] = [{ value, node: root }];
  while (stack.length) {
    const { value: v, node } = stack.pop()!;
    if (typeof v === "string") {
      const problem = textProblem(v);
      if (problem) return { path: pathOf(node) || "(body)", message: problem };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], node: { key: i, parent: node } });
    } else if (v && typeof v === "object") {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i];
        const keyProblem = textProblem(k);
        if (keyProblem) return { path: pathOf({ key: k, parent: node }), message: `Field name: ${keyProblem.charAt(0).toLowerCase()}${keyProblem.slice(1)}` };
        stack.push({ value: child, node: { key: k, parent: node } });
      }
    }
  }
  return null;
}

/**
 * A database error caused by text PostgreSQL cannot store or convert (22021
 * character_not_in_repertoire, 22P05 untranslatable_character), from pg or
 * through Prisma's driver adapter: the input's fault, so a 400, never a 500.
 * The boundary checks make this a safety net for paths they do not see.
 */
export function isUnstorableTextError(err: unknown): boolean {
  const codes = new Set(["22021", "22P05"]);
  for (let e = err as { code?: unknown; cause?: unknown; originalCode?: unknown } | null | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (codes.has(String(e.code)) || codes.has(String(e.originalCode))) return true;
  }
  return /invalid byte sequence for encoding "UTF8": 0x00/.test(String((err as Error | null)?.message ?? ""));
}
