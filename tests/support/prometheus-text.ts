/**
 * Prometheus text exposition (format 0.0.4) read into samples, for tests that
 * scrape /api/metrics. Label values may hold braces, commas and escaped quotes
 * (route templates such as "GET /api/v1/tenants/{id}").
 */
export type Sample = { name: string; labels: Record<string, string>; value: number };

const unescape = (v: string) => v.replace(/\\(["\\n])/g, (_, c: string) => (c === "n" ? "\n" : c));

export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[^"}]|"(?:[^"\\]|\\.)*")*\})?\s+(\S+)/.exec(line);
    if (!m) throw new Error(`Not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = unescape(l[2]);
    samples.push({ name: m[1], labels, value: m[3] === "+Inf" ? Infinity : m[3] === "-Inf" ? -Infinity : Number(m[3]) });
  }
  return samples;
}

const matches = (s: Sample, name: string, labels: Record<string, string>) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v);

/** The sum of the samples of `name` whose labels include `labels` (0 when there are none). */
export function sampleSum(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => matches(s, name, labels)).reduce((n, s) => n + s.value, 0);
}

/** The samples of `name` whose labels include `labels`. */
export function samplesOf(samples: Sample[], name: string, labels: Record<string, string> = {}): Sample[] {
  return samples.filter((s) => matches(s, name, labels));
}

/** Metric family names the exposition declares (# TYPE lines), whether or not they have samples yet. */
export function familiesOf(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE (\S+) \S+$/gm)].map((m) => m[1]));
}
