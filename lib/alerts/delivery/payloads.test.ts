import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ALERTMANAGER_HOLD_MS, SIGNATURE_HEADER, buildRequest, type OutgoingNotification } from "@/lib/alerts/delivery/payloads";
import { nextRetryDelayMs } from "@/lib/alerts/delivery/backoff";
import { maskChannelUrl } from "@/lib/alerts/views";

const now = new Date("2026-12-03T10:00:00.000Z");
const base: OutgoingNotification = {
  notificationId: "42",
  transition: "firing",
  alert: {
    id: "a1", key: "k", rule: "group-stuck", ruleName: "Consumer group stalled", cluster: "local", groupId: "g<1>", topic: "t", team: "trust", service: null,
    severity: "critical", summary: "g<1> is STOPPED & stuck", value: 3, threshold: null,
    startedAt: new Date("2026-12-03T09:00:00.000Z"), firingAt: new Date("2026-12-03T09:00:30.000Z"), resolvedAt: null,
  },
  channel: { kind: "webhook", url: "https://hooks.example.com/x", secret: "s3cret-s3cret-s3cret" },
  alertUrl: "http://tributary.example/alerts/a1",
  now,
};

describe("webhook", () => {
  it("signs the exact body with HMAC-SHA256 of the channel's secret", () => {
    const request = buildRequest(base);
    const expected = createHmac("sha256", "s3cret-s3cret-s3cret").update(request.body).digest("hex");
    expect(request.headers[SIGNATURE_HEADER]).toBe(`sha256=${expected}`);
    expect(JSON.parse(request.body)).toMatchObject({ status: "firing", notificationId: "42", alert: { id: "a1", labels: { team: "trust", group: "g<1>", service: "" } } });
  });
});

describe("alertmanager", () => {
  it("posts to /api/v2/alerts with labels, a link, and endsAt an hour ahead while firing", () => {
    const request = buildRequest({ ...base, channel: { kind: "alertmanager", url: "http://127.0.0.1:9093/", secret: null } });
    expect(request.url).toBe("http://127.0.0.1:9093/api/v2/alerts");
    expect(JSON.parse(request.body)).toEqual([
      {
        labels: { alertname: "group-stuck", team: "trust", cluster: "local", group: "g<1>", topic: "t", severity: "critical" },
        annotations: { summary: "g<1> is STOPPED & stuck", description: "Consumer group stalled: g<1> is STOPPED & stuck", url: "http://tributary.example/alerts/a1" },
        startsAt: "2026-12-03T09:00:30.000Z",
        endsAt: new Date(now.getTime() + ALERTMANAGER_HOLD_MS).toISOString(),
        generatorURL: "http://tributary.example/alerts/a1",
      },
    ]);
  });

  it("resolved sets endsAt to the resolution", () => {
    const resolvedAt = new Date("2026-12-03T09:05:00.000Z");
    const request = buildRequest({ ...base, transition: "resolved", alert: { ...base.alert, resolvedAt }, channel: { kind: "alertmanager", url: "http://am", secret: null } });
    expect(JSON.parse(request.body)[0].endsAt).toBe("2026-12-03T09:05:00.000Z");
  });
});

describe("slack", () => {
  it("escapes mrkdwn and links back", () => {
    const body = JSON.parse(buildRequest({ ...base, channel: { kind: "slack", url: "https://hooks.slack.com/services/T/B/X", secret: null } }).body);
    expect(body.text).toBe(":red_circle: FIRING · Consumer group stalled: g&lt;1&gt; is STOPPED &amp; stuck");
    expect(body.blocks[0].text.text).toContain("<http://tributary.example/alerts/a1|Open in Tributary>");
  });
});

describe("retries and masking", () => {
  it("back off 1, 2, 4 … seconds and give up after 8 attempts", () => {
    expect([1, 2, 3, 4, 7, 8].map(nextRetryDelayMs)).toEqual([1000, 2000, 4000, 8000, 64000, null]);
  });

  it("masks everything after the host", () => {
    expect(maskChannelUrl("https://hooks.slack.com/services/T0/B0/secret")).toBe("https://hooks.slack.com/…");
    expect(maskChannelUrl("http://127.0.0.1:9093")).toBe("http://127.0.0.1:9093");
    expect(maskChannelUrl("https://user:pw@example.com/?token=x")).toBe("https://example.com/…");
  });
});
