import { describe, expect, it } from "vitest";
import { healthProblems } from "@/components/overview/health-problems";
import type { HealthResponse } from "@/lib/validation/api/health";

const up = (cluster: string) => ({ cluster, ok: true as const, clusterId: `id-${cluster}`, brokers: 1, controller: 1 });
const down = (cluster: string, reason: string) => ({ cluster, ok: false as const, reason });
const health = (kafka: HealthResponse["kafka"], database: HealthResponse["database"] = { ok: true, backend: "postgresql" }): HealthResponse => ({
  status: kafka.every((entry) => entry.ok) && database.ok ? "ok" : "degraded",
  version: "0.1.0",
  role: "web",
  ready: true,
  kafka,
  database,
  collectors: [],
});

describe("healthProblems", () => {
  it("says nothing is wrong when every cluster and the database answer", () => {
    expect(healthProblems(health([up("local"), up("eu/west %")]), "local", false)).toEqual({ ok: true, problems: [] });
  });

  it("leaves this cluster's reason to the stale banner while it shows, and lists it otherwise", () => {
    const local = health([down("local", "cannot reach Kafka at 127.0.0.1:9092 (Connection error)")]);
    expect(healthProblems(local, "local", true)).toEqual({ ok: false, problems: [] });
    expect(healthProblems(local, "local", false)).toEqual({ ok: false, problems: ["cannot reach Kafka at 127.0.0.1:9092 (Connection error)"] });
  });

  it("names another cluster whose reason it lists, and keeps the database's", () => {
    const both = health([up("local"), down("secured ünï/%", "SASL authentication failed"), down("local-2", "certificate not trusted")], {
      ok: false,
      backend: "postgresql",
      reason: "connection refused",
    });
    expect(healthProblems(both, "local", true)).toEqual({
      ok: false,
      problems: ["Cluster secured ünï/%: SASL authentication failed", "Cluster local-2: certificate not trusted", "connection refused"],
    });
    expect(healthProblems(health([up("local")], { ok: false, backend: "pglite" }), "local", false)).toEqual({ ok: false, problems: ["database unavailable"] });
  });
});
