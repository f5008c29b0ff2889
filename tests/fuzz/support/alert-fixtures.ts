// The alert records the fuzz suites need a valid name for: a channel, a team rule and a silence made
// through the app's API, and a resolved alert written to the app's database (alerts are only ever
// made by the collector, which the suite cannot make fire on demand).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { mustWrite } from "../../support/api-write";
import { fixtures, FUZZ_RULE } from "./routes";

export async function createAlertFixtures(tag: string): Promise<void> {
  if (fixtures.alertId) return;
  const channel = await mustWrite(201, "POST", "/api/alerts/teams/commerce/channels", {
    name: `${tag}-hook`, kind: "webhook", url: "http://127.0.0.1:9/fuzz", secret: "fuzz-secret-0123456789", enabled: false,
  });
  const rule = await mustWrite(201, "POST", "/api/alerts/teams/commerce/rules", {
    name: `${tag}-rule`, metric: "group_lag_messages", comparison: ">", threshold: 1_000_000_000, forSec: 60, severity: "warning", enabled: false,
  });
  const silence = await mustWrite(201, "POST", "/api/alerts/silences", {
    matchers: [{ label: "team", value: `${tag}-nobody` }], endsAt: new Date(Date.now() + 3_600_000).toISOString(), reason: "fuzz suite",
  });
  const alertId = randomUUID();
  const client = new pg.Client({ connectionString: process.env.TEST_APP_DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "Alert" ("id", "key", "rule", "ruleName", "cluster", "team", "severity", "state", "summary", "startedAt", "firingAt", "resolvedAt", "evaluatedAt")
       VALUES ($1, $2, $3, 'Fuzz fixture', 'local', 'commerce', 'warning', 'resolved', 'a resolved alert for the fuzz suite', now(), now(), now(), now())`,
      [alertId, `${FUZZ_RULE}|local|${tag}`, FUZZ_RULE],
    );
  } finally {
    await client.end();
  }
  Object.assign(fixtures, { alertId, channelId: channel.id, silenceId: silence.id, ruleName: rule.name });
}
