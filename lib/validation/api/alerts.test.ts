import { describe, expect, it } from "vitest";
import { alertListQuerySchema, channelBodySchema, customRuleBodySchema, silenceBodySchema } from "@/lib/validation/api/alerts";

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((issue) => [issue.path.join("."), issue.message]);

describe("alerts input schemas", () => {
  it("channels: http(s) only, a webhook needs a secret of 16+ characters, unknown fields refused", () => {
    expect(channelBodySchema.parse({ name: "ops", kind: "slack", url: " https://hooks.slack.com/x " })).toEqual({ name: "ops", kind: "slack", url: "https://hooks.slack.com/x", secret: null, enabled: true });
    expect(issues(channelBodySchema.safeParse({ name: "ops", kind: "webhook", url: "https://x.example/h" }))).toEqual([["secret", "A webhook needs a secret to sign its bodies with"]]);
    expect(issues(channelBodySchema.safeParse({ name: "ops", kind: "webhook", url: "https://x.example/h", secret: "short" }))).toEqual([["secret", "Secret must be at least 16 characters"]]);
    expect(issues(channelBodySchema.safeParse({ name: "ops", kind: "email", url: "javascript:alert(1)", extra: 1 })).map(([path]) => path).sort()).toEqual(["", "kind", "url"]);
  });

  it("rules: names as Kafka names, finite thresholds, whole non-negative for", () => {
    const rule = { name: "big-lag", metric: "group_lag_messages", comparison: ">", threshold: 10, forSec: 60, severity: "warning" };
    expect(customRuleBodySchema.parse(rule)).toEqual({ ...rule, enabled: true });
    expect(issues(customRuleBodySchema.safeParse({ ...rule, name: "a/b", forSec: 1.5, threshold: "10" })).map(([path]) => path).sort()).toEqual(["forSec", "name", "threshold"]);
  });

  it("silences: at least one matcher, an end after the start", () => {
    const endsAt = new Date(Date.now() + 60_000).toISOString();
    expect(silenceBodySchema.safeParse({ matchers: [{ label: "team", value: "trust" }], endsAt, reason: "deploy" }).success).toBe(true);
    expect(issues(silenceBodySchema.safeParse({ matchers: [], endsAt, reason: "deploy" }))).toEqual([["matchers", "A silence needs at least one matcher"]]);
    expect(issues(silenceBodySchema.safeParse({ matchers: [{ label: "team", value: "trust" }], endsAt: new Date(Date.now() - 1000).toISOString(), reason: "x" }))).toEqual([
      ["endsAt", "Ends at must be after the start (and in the future)"],
    ]);
  });

  it("list filters take any name but no control characters", () => {
    expect(alertListQuerySchema.parse({ group: "50%off/a b", limit: "20" })).toEqual({ group: "50%off/a b", limit: 20 });
    expect(alertListQuerySchema.safeParse({ group: "a\u0000b" }).success).toBe(false);
  });
});
