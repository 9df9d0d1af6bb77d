import { describe, expect, it } from "vitest";
import { lineColumn } from "@/components/sql-console/error-position";
import { explainRoot } from "@/components/sql-console/plan-tree";
import { resultToCsv } from "@/components/sql-console/result-csv";
import { completionNamespace } from "@/components/sql-console/schema-completion";

describe("SQL console helpers", () => {
  it("turns a 0-based offset into the 1-based line and column a screen reader is told", () => {
    const q = "SELECT *\n  FROM pg_class\nWHERE true";
    expect(lineColumn(q, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(q, q.indexOf("pg_class"))).toEqual({ line: 2, column: 8 });
    expect(lineColumn(q, q.indexOf("WHERE"))).toEqual({ line: 3, column: 1 });
    // Out of range clamps to the text rather than pointing nowhere.
    expect(lineColumn(q, 10_000)).toEqual({ line: 3, column: 11 });
    expect(lineColumn("SELECT * FROM pg_class", 14)).toEqual({ line: 1, column: 15 });
  });

  it("writes CSV with formula cells neutralised, NULL empty and JSON values as JSON", () => {
    const csv = resultToCsv(
      [{ name: "id" }, { name: "note" }, { name: "meta" }, { name: "gone" }],
      [
        ["1", "=HYPERLINK(\"http://x\")", { a: 1 }, null],
        ["2", "+1", [1, 2], null],
        ["3", "@SUM(A1)", "plain, with comma", "-5"],
      ],
    );
    expect(csv.split("\n")).toEqual([
      "id,note,meta,gone",
      `1,"'=HYPERLINK(""http://x"")","{""a"":1}",`,
      "2,'+1,\"[1,2]\",",
      "3,'@SUM(A1),\"plain, with comma\",'-5",
      "",
    ]);
  });

  it("finds the plan in EXPLAIN's array, its element, or the bare Plan node", () => {
    const node = { "Node Type": "Seq Scan", "Relation Name": "users" };
    expect(explainRoot([{ Plan: node, "Planning Time": 0.1 }])?.Plan).toBe(node);
    expect(explainRoot({ Plan: node })?.Plan).toBe(node);
    expect(explainRoot(node)?.Plan).toBe(node);
    expect(explainRoot(null)).toBeNull();
    expect(explainRoot({ rows: 3 })).toBeNull();
  });

  it("maps the schema API's tables to completion entries with column types", () => {
    expect(completionNamespace({ tables: [{ name: "users", columns: [{ name: "id", type: "uuid" }] }, { name: "empty" }] })).toEqual({
      users: { self: { label: "users", type: "type", detail: "table", boost: 1 }, children: [{ label: "id", type: "property", detail: "uuid" }] },
      empty: { self: { label: "empty", type: "type", detail: "table", boost: 1 }, children: [] },
    });
    expect(completionNamespace({})).toEqual({});
  });
});
