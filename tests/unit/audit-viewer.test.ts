import { describe, expect, it } from "vitest";
import { auditFiltersToQuery, auditFiltersToSearch, parseAuditFilters } from "@/components/audit/audit-filters";
import { eventTypeSummary, toggleEventType } from "@/components/audit/event-type-picker";
import { dispositionFileName, exportRecordCounter } from "@/components/audit/export-record-counter";
import { flattenChanges } from "@/components/audit/flatten-changes";
import { AUDIT_AREAS, auditAreaOf, auditEventLabel } from "@/lib/audit/audit-event-catalogue";
import { platformAuditListQuerySchema } from "@/lib/schemas/audit";

const url = (s: string) => {
  const p = new URLSearchParams(s);
  return (k: string) => p.get(k);
};
const area = (key: string) => AUDIT_AREAS.find((a) => a.key === key)!;

describe("audit viewer URL filters", () => {
  it("round-trips every filter through the URL", () => {
    const f = parseAuditFilters(url("event_type=member.*,role.created&actor=jane@acme.example&target_type=user&target_id=usr_1&from=2026-11-01&to=2026-11-30&q=owner&ip=203.0.113.7&tenant_id=platform"), "platform");
    expect(f).toEqual({ event_type: ["member.*", "role.created"], actor: "jane@acme.example", target_type: "user", target_id: "usr_1", from: "2026-11-01", to: "2026-11-30", q: "owner", ip: "203.0.113.7", tenant_id: "platform" });
    expect(parseAuditFilters(url(auditFiltersToSearch(f).slice(1)), "platform")).toEqual(f);
    expect(parseAuditFilters(url("tenant_id=ten_1&q=x"))).toEqual({ q: "x" });
  });

  it("drops what is malformed instead of refusing the page, and keeps other parameters", () => {
    const f = parseAuditFilters(url("event_type=member.*,DROP TABLE,&range=2y&from=2026-13-45&q=%20%20"));
    expect(f).toEqual({ event_type: ["member.*"] });
    expect(auditFiltersToSearch({ q: "x" }, { tab: "audit" })).toBe("?tab=audit&q=x");
    expect(auditFiltersToSearch({})).toBe("");
  });

  it("a preset range wins over a custom one and is measured back from the list's anchor", () => {
    const f = parseAuditFilters(url("range=7d&from=2026-11-01"));
    expect(f).toEqual({ range: "7d" });
    const anchor = Date.parse("2026-12-04T12:00:00Z");
    expect(auditFiltersToQuery(f, anchor)).toEqual({ from: "2026-11-27T12:00:00.000Z" });
    expect(auditFiltersToQuery({ from: "2026-11-01", to: "2026-11-30" }, anchor)).toEqual({ from: "2026-11-01T00:00:00.000Z", to: "2026-11-30T23:59:59.999Z" });
  });

  it("every query the viewer builds is one the API's schema accepts", () => {
    const f = parseAuditFilters(url("event_type=member.*,tenant.branding_updated&actor=a@b.c&target_type=user&target_id=usr_1&from=2026-11-01&to=2026-11-30&q=x&ip=10.0.0.0/8&tenant_id=platform"), "platform");
    const parsed = platformAuditListQuerySchema.safeParse(auditFiltersToQuery(f, Date.now()));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
});

describe("event type picker", () => {
  it("an area with a prefix is chosen as prefix.*, and a fully ticked area collapses to it", () => {
    expect(toggleEventType([], { area: area("member") })).toEqual(["member.*"]);
    expect(toggleEventType(["member.*"], { area: area("member") })).toEqual([]);
    // Unticking one type of a whole area leaves the others, by name.
    const without = toggleEventType(["member.*"], { area: area("member"), type: "member.removed" });
    expect(without).toHaveLength(area("member").types.length - 1);
    expect(without).not.toContain("member.removed");
    expect(toggleEventType(without, { area: area("member"), type: "member.removed" })).toEqual(["member.*"]);
  });

  it("branding events live under tenant., so its area is its types by name", () => {
    expect(toggleEventType(["role.created"], { area: area("branding") })).toEqual(["role.created", ...area("branding").types.map((t) => t.type)]);
    expect(auditAreaOf("tenant.branding_updated")?.key).toBe("branding");
    expect(auditAreaOf("member.something_new")?.key).toBe("member");
  });

  it("summarises the choice in words", () => {
    expect(eventTypeSummary(AUDIT_AREAS, [])).toBe("All event types");
    expect(eventTypeSummary(AUDIT_AREAS, ["member.*"])).toBe("Members: all");
    expect(eventTypeSummary(AUDIT_AREAS, ["member.role_changed"])).toBe("Members: Role changed");
    expect(eventTypeSummary(AUDIT_AREAS, ["member.*", "role.created"])).toBe("2 event filters");
    expect(auditEventLabel("member.role_changed")).toBe("Members · Role changed");
    expect(auditEventLabel("webhook.endpoint_created")).toBe("webhook · Endpoint created");
  });
});

describe("export progress", () => {
  const enc = new TextEncoder();
  it("counts CSV records, not line breaks inside quoted fields, across chunk boundaries", () => {
    const c = exportRecordCounter("csv");
    const text = 'id,changes\nevt_1,"{""role"":\n""admin""}"\nevt_2,plain\n';
    for (const part of [text.slice(0, 17), text.slice(17, 30), text.slice(30)]) c.push(enc.encode(part));
    expect(c.records).toBe(2);
  });

  it("counts NDJSON lines", () => {
    const c = exportRecordCounter("ndjson");
    c.push(enc.encode('{"id":"a"}\n{"id":"b"}\n{"id":'));
    c.push(enc.encode('"c"}\n'));
    expect(c.records).toBe(3);
  });

  it("takes the server's file name, never a path", () => {
    expect(dispositionFileName('attachment; filename="audit-acme-2026-12-04.csv"', "x")).toBe("audit-acme-2026-12-04.csv");
    expect(dispositionFileName("attachment; filename*=UTF-8''audit%20log.ndjson", "x")).toBe("audit log.ndjson");
    expect(dispositionFileName('attachment; filename="../../etc/passwd"', "x")).toBe(".._.._etc_passwd");
    expect(dispositionFileName(null, "audit-log.csv")).toBe("audit-log.csv");
  });
});

describe("changed fields", () => {
  it("nested objects become dotted paths of what changed; lists and scalars stay whole", () => {
    expect(
      flattenChanges({
        settings: { before: { timezone: "UTC", locale: "en-US" }, after: { timezone: "Europe/London", locale: "en-US" } },
        features: { before: ["a"], after: ["a", "b"] },
        role: { before: null, after: "viewer" },
        limits: { before: null, after: { users: 10 } },
      }),
    ).toEqual([
      { path: "settings.timezone", before: "UTC", after: "Europe/London" },
      { path: "features", before: ["a"], after: ["a", "b"] },
      { path: "role", before: null, after: "viewer" },
      { path: "limits.users", before: null, after: 10 },
    ]);
  });
});

describe("access area", () => {
  it("covers sign-ins and permission denials, each by its prefix", () => {
    expect(toggleEventType([], { area: area("access") })).toEqual(["sign_in.*", "access.*"]);
    expect(eventTypeSummary(AUDIT_AREAS, ["sign_in.*", "access.*"])).toBe("Access: all");
    expect(auditAreaOf("sign_in.failed")?.key).toBe("access");
  });
});
