import { describe, expect, it } from "vitest";
import { checkTenantStatement } from "@/lib/sql-console/check-statement";
import { serialiseCell, type ColumnCodec } from "@/lib/sql-console/serialise-value";

const schemaName = "t_abc";
const check = (sql: string, readOnly = true) => checkTenantStatement(sql, { readOnly, schemaName });
const reason = (sql: string, readOnly = true) => check(sql, readOnly).then(() => "accepted", (e: { details?: { reason?: string } }) => e.details?.reason ?? String(e));

describe("checkTenantStatement: what ordinary console SQL may do", () => {
  it.each([
    "SELECT * FROM users u, LATERAL (SELECT 1) x WHERE u.name ILIKE $1 AND u.id IN (SELECT owner_id FROM documents) AND u.created_at BETWEEN now() - interval '1 day' AND now()",
    "SELECT count(*) FILTER (WHERE id IS NOT NULL), string_agg(name, ',' ORDER BY name), rank() OVER (PARTITION BY name ORDER BY id) FROM users GROUP BY ROLLUP (name, id)",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r",
    "SELECT to_tsvector('english', name), json_populate_record(null::users, '{}'), row_to_json(u) FROM users u",
    "SELECT pg_typeof(1), format('%s', 1), gen_random_uuid(), date_trunc('day', now()), extract(epoch from now()), now() AT TIME ZONE 'UTC', trim(' x ')",
    "SELECT CASE WHEN true THEN 1 ELSE 2 END, (ARRAY[1, 2])[1:2], NULLIF(1, 2), 1 IS DISTINCT FROM 2, 'a' COLLATE \"C\", coalesce(null, 1), greatest(1, 2)",
    "SELECT x FROM unnest($1::int[]) x",
    "SELECT * FROM t_abc.users",
    "TABLE users",
  ])("accepts %s", async (sql) => {
    expect(await reason(sql)).toBe("accepted");
  });

  it.each([
    "INSERT INTO users (email, name) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET name = excluded.name RETURNING old.name, new.name",
    "INSERT INTO users (email, name) SELECT email || 'x', name FROM users WHERE id = $1",
    "UPDATE users u SET (name, email) = (SELECT 'a', 'b') FROM documents d WHERE d.owner_id = u.id",
    "UPDATE users SET name = DEFAULT",
    "DELETE FROM users u USING documents d WHERE d.owner_id = u.id RETURNING u.*",
    "INSERT INTO t_abc.users (email) VALUES ('x') ON CONFLICT ON CONSTRAINT users_pkey DO NOTHING",
  ])("accepts the write %s", async (sql) => {
    expect(await reason(sql, false)).toBe("accepted");
  });

  it("refuses what hides a catalogue read, a write or session state behind ordinary syntax", async () => {
    expect(await reason("INSERT INTO t_other.users (email) VALUES ('x')", false)).toBe("relation_not_allowed");
    expect(await reason("SELECT * FROM users WHERE id IN (SELECT oid FROM pg_namespace)")).toBe("relation_not_allowed");
    expect(await reason("WITH pg_class AS (SELECT 1) SELECT * FROM pg_class")).toBe("relation_not_allowed");
    expect(await reason("SELECT * FROM ROWS FROM (pg_sleep(1))")).toBe("function_not_allowed");
    expect(await reason("SELECT nextval('s')")).toBe("function_not_allowed");
    expect(await reason("SELECT lower(x) FROM users x WHERE t_abc.my_func(x.id)")).toBe("function_not_allowed");
    expect(await reason("SELECT 'f'::regproc, 1")).toBe("type_not_allowed");
    expect(await reason("SELECT CAST('pg_authid' AS pg_catalog.regclass)")).toBe("type_not_allowed");
    expect(await reason("SELECT * FROM users TABLESAMPLE SYSTEM (10)")).toBe("construct_not_allowed");
    expect(await reason("SELECT current_schema")).toBe("function_not_allowed");
    expect(await reason("EXPLAIN (SETTINGS) SELECT 1")).toBe("construct_not_allowed");
    expect(await reason("SELECT 1 OPERATOR(other.+) 2")).toBe("function_not_allowed");
  });
});

describe("serialiseCell", () => {
  const codec = (oid: number, element: ColumnCodec | null = null): ColumnCodec => ({ oid, typmod: -1, name: "", category: element ? "A" : "N", element });
  it("keeps int8 and numeric exact, base64s bytea, writes timestamps as ISO 8601", () => {
    expect(serialiseCell("9223372036854775807", codec(20))).toBe("9223372036854775807");
    expect(serialiseCell("0.1000000000000000055511151231257827", codec(1700))).toBe("0.1000000000000000055511151231257827");
    expect(serialiseCell("\\x00ff", codec(17))).toBe("AP8=");
    expect(serialiseCell("2025-01-02 03:04:05.678+05:30", codec(1184))).toBe("2025-01-02T03:04:05.678+05:30");
    expect(serialiseCell("2025-01-02 03:04:05-08", codec(1184))).toBe("2025-01-02T03:04:05-08:00");
    expect(serialiseCell("infinity", codec(1184))).toBe("infinity");
    expect(serialiseCell("2025-01-02 03:04:05", codec(1114))).toBe("2025-01-02T03:04:05");
    expect(serialiseCell("Infinity", codec(701))).toBe("Infinity");
    expect(serialiseCell('{{1,2},{NULL,4}}', codec(1007, codec(23)))).toEqual([[1, 2], [null, 4]]);
    expect(serialiseCell('{"2025-01-02 03:04:05+00"}', codec(1185, codec(1184)))).toEqual(["2025-01-02T03:04:05+00:00"]);
    expect(serialiseCell(null, codec(23))).toBeNull();
  });
});
