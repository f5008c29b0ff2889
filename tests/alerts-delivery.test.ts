// Integration (real broker, running app, real PostgreSQL, real Alertmanager, real promtool), issue
// 14: a consumer group falls behind its contract's lag objective for real (old records, a commit
// made with kafka-consumer-groups), the alert goes pending → firing → resolved, and each transition
// reaches every channel of the owning team exactly once: Debian's Alertmanager (API v2), a signed
// webhook, a webhook that fails twice first; a silenced alert reaches nobody.
import { createHmac, randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Admin, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAlertmanager, type RunningAlertmanager } from "./support/alertmanager";
import { startAlertsReceiver, type AlertsReceiver } from "./support/alerts-receiver";
import { apiWrite, commitWithKafkaTool, createAlertsCatalog, mustWrite, produceOldRecords, waitForAlertDetail, waitForAlerts } from "./support/alerts-stack";
import { createKafka, createTopic, pollUntil, stack } from "./support/live-stack";

const run = randomBytes(3).toString("hex");
const A = { team: `alerts-a-${run}`, service: `svc-a-${run}`, group: `it-alerts-a-${run}`, topic: `it.alerts.a.${run}` };
const B = { team: `alerts-b-${run}`, service: `svc-b-${run}`, group: `it-alerts-b-${run}`, topic: `it.alerts.b.${run}` };
const S = { team: `alerts-s-${run}`, service: `svc-s-${run}`, group: `it-alerts-s-${run}`, topic: `it.alerts.s.${run}` };
const HOOK_SECRET = `hook-secret-${run}-0123456789`;
const K = 20;
const C = 5;

let admin: Admin;
let producer: Producer;
let receiver: AlertsReceiver;
let alertmanager: RunningAlertmanager;

beforeAll(async () => {
  receiver = await startAlertsReceiver();
  alertmanager = await startAlertmanager(`${receiver.url}/am`);
  const kafka = createKafka("it-alerts");
  admin = kafka.admin();
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([admin.connect(), producer.connect()]);
  for (const scenario of [A, B, S]) {
    await createTopic(admin, scenario.topic, 1);
    await createAlertsCatalog({ team: scenario.team, service: scenario.service, groups: [scenario.group], topic: scenario.topic, lagObjectiveSec: 30 });
    // The group has no members: its status is not what these tests are about.
    await mustWrite(200, "PUT", `/api/alerts/teams/${scenario.team}/overrides/group-stuck`, { enabled: false, forSec: 30, severity: "critical", threshold: null });
  }
  await mustWrite(200, "PUT", `/api/alerts/teams/${A.team}/overrides/time-lag-objective`, { enabled: true, forSec: 2, severity: "critical", threshold: null });
  await mustWrite(201, "POST", `/api/alerts/teams/${A.team}/channels`, { name: "am", kind: "alertmanager", url: alertmanager.url });
  await mustWrite(201, "POST", `/api/alerts/teams/${A.team}/channels`, { name: "hook", kind: "webhook", url: `${receiver.url}/hook`, secret: HOOK_SECRET });
  receiver.script("/flaky", [500, 500, 200]);
  await mustWrite(201, "POST", `/api/alerts/teams/${A.team}/channels`, { name: "flaky", kind: "webhook", url: `${receiver.url}/flaky`, secret: `flaky-secret-${run}-0123` });
  await mustWrite(201, "POST", `/api/alerts/teams/${B.team}/channels`, { name: "muted", kind: "webhook", url: `${receiver.url}/silenced`, secret: `muted-secret-${run}-01234` });
  receiver.delay("/slow", 60_000);
  await mustWrite(201, "POST", `/api/alerts/teams/${S.team}/channels`, { name: "slow", kind: "webhook", url: `${receiver.url}/slow`, secret: `slow-secret-${run}-012345` });
  await mustWrite(201, "POST", `/api/alerts/teams/${S.team}/channels`, { name: "chat", kind: "slack", url: `${receiver.url}/slack` });
}, 120_000);

afterAll(async () => {
  // Channels first, so nothing more is sent to the receivers this file is about to close.
  for (const team of [A.team, B.team, S.team]) {
    const settings = await apiWrite("GET", `/api/alerts/teams/${team}`).catch(() => null);
    for (const channel of settings?.body?.channels ?? []) await apiWrite("DELETE", `/api/alerts/teams/${team}/channels/${channel.id}`).catch(() => undefined);
  }
  await admin?.deleteGroups([A.group, B.group, S.group]).catch(() => undefined);
  await admin?.deleteTopics({ topics: [A.topic, B.topic, S.topic] }).catch(() => undefined);
  await Promise.allSettled([producer?.disconnect(), admin?.disconnect(), receiver?.close(), alertmanager?.stop()]);
});

const amAlerts = async (group: string) => {
  const response = await fetch(`${alertmanager.url}/api/v2/alerts?filter=${encodeURIComponent(`group="${group}"`)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as any[];
};
const amNotifications = (status: string, group: string) =>
  receiver.on("/am").map((request) => JSON.parse(request.body)).filter((body) => body.status === status && body.alerts.some((alert: any) => alert.labels.group === group));

describe("an alert from a real lag objective breach", () => {
  it("fires once after its for, reaches Alertmanager, a signed webhook and a flaky webhook (3 attempts), then resolves", { timeout: 300_000 }, async () => {
    const started = Date.now();
    const step = (what: string) => console.log(`[alerts test] ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
    const labels = { alertname: "time-lag-objective", team: A.team, service: A.service, cluster: "local", group: A.group, topic: A.topic, severity: "critical" };
    await produceOldRecords(producer, A.topic, K, 600);
    await commitWithKafkaTool(A.group, A.topic, C);

    const [firing] = await waitForAlerts({ group: A.group }, (alerts) => alerts.some((alert) => alert.state === "firing"), "the alert firing");
    expect(firing).toMatchObject({ rule: "time-lag-objective", cluster: "local", groupId: A.group, topic: A.topic, team: A.team, service: A.service, severity: "critical", threshold: 30, silenced: false });
    // The record at the commit is ~595 s old: far above the 30 s objective.
    expect(firing.value).toBeGreaterThan(590);
    // It was pending for at least the team's `for` of 2 s.
    expect(Date.parse(firing.firingAt) - Date.parse(firing.startedAt)).toBeGreaterThanOrEqual(2_000);

    step("firing");
    const delivered = await waitForAlertDetail(firing.id, (detail) => detail.notifications.length === 3 && detail.notifications.every((entry: any) => entry.status === "delivered"), "3 firing notifications delivered");
    const byChannel = Object.fromEntries(delivered.notifications.map((entry: any) => [entry.channel.name, entry]));
    expect(byChannel.flaky).toMatchObject({ transition: "firing", attempts: 3 });
    expect(byChannel.flaky.log.map((attempt: any) => [attempt.httpStatus, attempt.ok])).toEqual([[500, false], [500, false], [200, true]]);
    // Backoff: 1 s, then 2 s, between the attempts.
    const times = byChannel.flaky.log.map((attempt: any) => Date.parse(attempt.at));
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(1_000);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(2_000);
    for (const name of ["am", "hook"]) expect(byChannel[name].log.map((attempt: any) => attempt.httpStatus)).toEqual([200]);

    step("firing delivered to 3 channels");
    const [hook] = receiver.on("/hook");
    expect(receiver.on("/hook")).toHaveLength(1);
    expect(hook!.headers["x-tributary-signature"]).toBe(`sha256=${createHmac("sha256", HOOK_SECRET).update(hook!.body).digest("hex")}`);
    expect(JSON.parse(hook!.body)).toMatchObject({ version: "1", status: "firing", alert: { id: firing.id, rule: "time-lag-objective", severity: "critical", labels, threshold: 30 } });
    expect(JSON.parse(hook!.body).alert.url).toMatch(new RegExp(`/alerts/${firing.id}$`));

    const [inAlertmanager] = await amAlerts(A.group);
    expect(inAlertmanager.labels).toEqual(labels);
    expect(inAlertmanager.status.state).toBe("active");
    expect(inAlertmanager.annotations.url).toMatch(new RegExp(`/alerts/${firing.id}$`));
    // Go prints times without trailing zeros: compare instants, not strings.
    expect(Date.parse(inAlertmanager.startsAt)).toBe(Date.parse(firing.firingAt));
    await pollUntil("Alertmanager's own firing notification", async () => (amNotifications("firing", A.group).length > 0 ? true : undefined), { timeoutMs: 30_000 });

    step("Alertmanager notified firing");
    // The group catches up: the condition clears and the alert resolves.
    await commitWithKafkaTool(A.group, A.topic, K);
    const [resolved] = await waitForAlerts({ group: A.group, view: "resolved" }, (alerts) => alerts.some((alert) => alert.id === firing.id), "the alert resolved");
    expect(resolved).toMatchObject({ id: firing.id, state: "resolved", firingAt: firing.firingAt });
    step("resolved");
    const done = await waitForAlertDetail(firing.id, (detail) => detail.notifications.filter((entry: any) => entry.transition === "resolved" && entry.status === "delivered").length === 3, "3 resolved notifications delivered");
    expect(done.notifications.map((entry: any) => [entry.transition, entry.channel.name, entry.status]).sort()).toEqual(
      [["firing", "am", "delivered"], ["firing", "flaky", "delivered"], ["firing", "hook", "delivered"], ["resolved", "am", "delivered"], ["resolved", "flaky", "delivered"], ["resolved", "hook", "delivered"]].sort(),
    );
    step("resolved delivered");
    // Exactly once each: one firing, one resolved body on the signed webhook.
    const hooks = receiver.on("/hook").map((request) => JSON.parse(request.body));
    expect(hooks.map((body) => [body.status, body.alert.id])).toEqual([["firing", firing.id], ["resolved", firing.id]]);
    expect(hooks[1].alert.resolvedAt).toBe(resolved.resolvedAt);
    // Alertmanager took the end: the alert is no longer active there, and it notified "resolved".
    await pollUntil("Alertmanager to drop the resolved alert", async () => ((await amAlerts(A.group)).length === 0 ? true : undefined), { timeoutMs: 15_000 });
    step("Alertmanager dropped it");
    const [amResolved] = await pollUntil("Alertmanager's own resolved notification", async () => {
      const found = amNotifications("resolved", A.group);
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: 30_000 });
    const amAlert = amResolved.alerts.find((alert: any) => alert.labels.group === A.group);
    expect(amAlert).toMatchObject({ status: "resolved", labels });
    expect(Date.parse(amAlert.endsAt)).toBe(Date.parse(resolved.resolvedAt));
  });
});

describe("a silenced alert", () => {
  it("shows as silenced and is not delivered", async () => {
    await mustWrite(201, "POST", "/api/alerts/silences", { matchers: [{ label: "team", value: B.team }], endsAt: new Date(Date.now() + 3600_000).toISOString(), reason: "maintenance" });
    await mustWrite(200, "PUT", `/api/alerts/teams/${B.team}/overrides/time-lag-objective`, { enabled: true, forSec: 0, severity: "warning", threshold: null });
    await produceOldRecords(producer, B.topic, K, 600);
    await commitWithKafkaTool(B.group, B.topic, C);
    const [alert] = await waitForAlerts({ group: B.group }, (alerts) => alerts.some((entry) => entry.state === "firing"), "the silenced alert firing");
    expect(alert).toMatchObject({ team: B.team, silenced: true, severity: "warning" });
    const detail = await waitForAlertDetail(alert.id, (body) => body.notifications.length === 1 && body.notifications[0].status === "suppressed", "the notification suppressed");
    expect(detail.notifications[0]).toMatchObject({ channel: { name: "muted" }, attempts: 0, lastError: "silenced", log: [] });
    expect(receiver.on("/silenced")).toEqual([]);
    const silencedView = await waitForAlerts({ team: B.team, view: "silenced" }, (alerts) => alerts.length > 0, "the silenced view");
    expect(silencedView.map((entry) => entry.id)).toEqual([alert.id]);
  });
});

describe("a slow endpoint", () => {
  it("times out on its own while the team's Slack channel gets its message at once", async () => {
    await mustWrite(200, "PUT", `/api/alerts/teams/${S.team}/overrides/time-lag-objective`, { enabled: true, forSec: 0, severity: "critical", threshold: null });
    await produceOldRecords(producer, S.topic, K, 600);
    await commitWithKafkaTool(S.group, S.topic, C);
    const [alert] = await waitForAlerts({ group: S.group }, (alerts) => alerts.some((entry) => entry.state === "firing"), "the alert firing");
    const detail = await waitForAlertDetail(alert.id, (body) => body.notifications.some((entry: any) => entry.channel.name === "slow" && entry.attempts >= 1), "the slow endpoint's first attempt");
    const byChannel = Object.fromEntries(detail.notifications.map((entry: any) => [entry.channel.name, entry]));
    expect(byChannel.slow).toMatchObject({ status: "pending", lastError: "no answer within 5000 ms" });
    expect(byChannel.slow.log[0]).toMatchObject({ ok: false, httpStatus: null, error: "no answer within 5000 ms" });
    expect(byChannel.slow.log[0].durationMs).toBeGreaterThanOrEqual(5_000);
    // Sent at the same time as the slow one, answered long before its timeout.
    expect(byChannel.chat).toMatchObject({ status: "delivered", attempts: 1 });
    expect(byChannel.chat.log[0].durationMs).toBeLessThan(2_000);
    const [slack] = receiver.on("/slack").map((request) => JSON.parse(request.body));
    // The summary's time lag is the one at sending time.
    expect(slack.text).toMatch(new RegExp(`^:red_circle: FIRING · Time lag above the lag objective: ${S.group} is \\d+m \\d+s behind on ${S.topic.replace(/\./g, "\\.")} \\(objective 30s\\)$`));
    expect(slack.blocks[0].text.text).toContain(`/alerts/${alert.id}|Open in Tributary>`);
    expect(slack.blocks[1].elements[0].text).toBe(`team ${S.team} · cluster local · severity critical`);
  });
});

describe("the exported Prometheus rules", () => {
  it("pass promtool check rules and carry the catalog's objective and the team's override", async () => {
    const response = await fetch(`${stack.appUrl}/api/alerts/prometheus-rules`, { signal: AbortSignal.timeout(20_000) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/yaml");
    const yaml = await response.text();
    expect(yaml).toContain(`expr: tributary_consumer_group_lag_seconds{cluster="local",topic="${A.topic}",group="${A.group}"} > 30\n        for: 2s`);
    const dir = mkdtempSync(path.join(tmpdir(), "tributary-rules-"));
    try {
      const file = path.join(dir, "rules.yml");
      writeFileSync(file, yaml);
      // promtool reports on stderr; its exit status is the verdict.
      const checked = spawnSync("promtool", ["check", "rules", file], { encoding: "utf8" });
      expect(checked.status, `${checked.stdout}${checked.stderr}`).toBe(0);
      expect(`${checked.stdout}${checked.stderr}`).toMatch(/SUCCESS: \d+ rules found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the alerts API", () => {
  it("never answers a channel's URL or secret, only the masked target", async () => {
    const settings = await apiWrite("GET", `/api/alerts/teams/${A.team}`);
    expect(settings.status).toBe(200);
    expect(settings.body.channels.map((channel: any) => [channel.name, channel.kind, channel.target, channel.hasSecret]).sort()).toEqual(
      [["am", "alertmanager", alertmanager.url, false], ["flaky", "webhook", `${receiver.url}/…`, true], ["hook", "webhook", `${receiver.url}/…`, true]].sort(),
    );
    const text = JSON.stringify(settings.body);
    expect(text).not.toContain(HOOK_SECRET);
    expect(text).not.toContain("/hook");
  });

  it("refuses bad input with a clear error and changes nothing", async () => {
    const before = await apiWrite("GET", `/api/alerts/teams/${A.team}`);
    const badUrl = await apiWrite("POST", `/api/alerts/teams/${A.team}/channels`, { name: "bad", kind: "webhook", url: "ftp://x", secret: "0123456789abcdef" });
    expect(badUrl.status).toBe(422);
    expect(badUrl.body.error.details.fieldErrors.url).toEqual(["Enter a full http(s) URL, e.g. https://hooks.example.com/tributary"]);
    const noSecret = await apiWrite("POST", `/api/alerts/teams/${A.team}/channels`, { name: "bad", kind: "webhook", url: "https://example.com/x" });
    expect(noSecret.body.error.details.fieldErrors.secret).toEqual(["A webhook needs a secret to sign its bodies with"]);
    const negative = await apiWrite("PUT", `/api/alerts/teams/${A.team}/overrides/time-lag-objective`, { enabled: true, forSec: -1, severity: "critical", threshold: null });
    expect([negative.status, negative.body.error.details.fieldErrors.forSec]).toEqual([422, ["For must be at least 0 seconds"]]);
    expect((await apiWrite("PUT", `/api/alerts/teams/${A.team}/overrides/no-such-rule`, { enabled: true, forSec: 1, severity: "info", threshold: null })).status).toBe(400);
    expect((await apiWrite("PUT", `/api/alerts/teams/nobody-${run}/overrides/group-stuck`, { enabled: true, forSec: 1, severity: "info", threshold: null })).status).toBe(404);
    const control = await apiWrite("POST", `/api/alerts/teams/${A.team}/rules`, { name: "x\u0007", metric: "group_lag_messages", comparison: ">", threshold: 1, forSec: 0, severity: "info" });
    expect(control.status).toBe(422);
    expect((await apiWrite("GET", `/api/alerts/teams/${A.team}`)).body).toEqual(before.body);
  });
});
