// Counts the records of a CSV or NDJSON download as its bytes arrive, so the
// export button can say how many events came so far. A CSV field may hold a
// line break inside quotes ("" is an escaped quote and toggles twice), so only
// line ends outside quotes end a record; the CSV's first line is its header.

const QUOTE = 0x22;
const NEWLINE = 0x0a;

export function exportRecordCounter(format: "csv" | "ndjson") {
  let lines = 0;
  let inQuotes = false;
  return {
    push(chunk: Uint8Array): void {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (b === QUOTE && format === "csv") inQuotes = !inQuotes;
        else if (b === NEWLINE && !inQuotes) lines++;
      }
    },
    get records(): number {
      return format === "csv" ? Math.max(0, lines - 1) : lines;
    },
  };
}

/** The file name from `Content-Disposition` (quoted or RFC 5987 `filename*`), else the fallback. */
export function dispositionFileName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"([^"]+)"|filename\s*=\s*([^;\s]+)/.exec(header);
  const name = plain?.[1] ?? plain?.[2];
  // A name is a name, never a path.
  return name ? name.replace(/[/\\]/g, "_") : fallback;
}
