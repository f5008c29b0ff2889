import { describe, expect, it } from "vitest";
import { parseAuditRetentionDays } from "@/lib/catalog/audit-retention";

describe("AUDIT_RETENTION_DAYS", () => {
  it("defaults to 365 days and takes whole days from 1 on", () => {
    expect(parseAuditRetentionDays(undefined)).toBe(365);
    expect(parseAuditRetentionDays("")).toBe(365);
    expect(parseAuditRetentionDays("30")).toBe(30);
  });

  it("refuses anything else with a message naming the variable", () => {
    for (const bad of ["0", "-1", "1.5", "1e3", "ten"]) {
      expect(() => parseAuditRetentionDays(bad)).toThrow(`AUDIT_RETENTION_DAYS must be a whole number of days, 1 or more (got "${bad}")`);
    }
  });
});
