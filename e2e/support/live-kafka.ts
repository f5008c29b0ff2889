// Shared set-up of the browser tests that create their own topics and groups on the real broker
// (scripts/test.ts starts it with the app and the demo traffic). Names carry a per-run suffix, so
// assertions only ever see what the spec itself caused.
import { expect, test, type Page } from "@playwright/test";
import type { Admin, Producer } from "kafkajs";
import { createKafka, createTopic as createKafkaTopic } from "../../tests/support/live-stack";

/** How long a spec waits for the collector to sample what it just made. */
export const LIVE_TIMEOUT = 120_000;

/** A suffix no other run shares. */
export const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

export type LiveKafka = {
  readonly admin: Admin;
  readonly producer: Producer;
  /** Creates a topic that is deleted after the spec. */
  createTopic(name: string, partitions: number): Promise<void>;
  /** Deletes the group after the spec (it was made by a tool or a consumer). */
  trackGroup(groupId: string): void;
  /** Deletes the topic after the spec (it was made some other way). */
  trackTopic(topic: string): void;
};

/**
 * Registers beforeAll/afterAll hooks in the calling spec: one admin and one producer for the whole
 * file, and everything it created deleted at the end.
 */
export function useLiveKafka(clientId: string): LiveKafka {
  let admin: Admin | undefined;
  let producer: Producer | undefined;
  const topics: string[] = [];
  const groups: string[] = [];

  test.beforeAll(async () => {
    const kafka = createKafka(clientId);
    admin = kafka.admin();
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await Promise.all([admin.connect(), producer.connect()]);
  });

  test.afterAll(async () => {
    if (groups.length > 0) await admin?.deleteGroups(groups).catch(() => undefined);
    if (topics.length > 0) await admin?.deleteTopics({ topics }).catch(() => undefined);
    await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
  });

  const connected = <T>(client: T | undefined): T => {
    if (!client) throw new Error("useLiveKafka: the clients connect in beforeAll");
    return client;
  };
  return {
    get admin() {
      return connected(admin);
    },
    get producer() {
      return connected(producer);
    },
    async createTopic(name, partitions) {
      topics.push(name);
      await createKafkaTopic(connected(admin), name, partitions);
    },
    trackGroup: (groupId) => void groups.push(groupId),
    trackTopic: (topic) => void topics.push(topic),
  };
}

/**
 * Opens a page and reloads it until `ready` holds: until the collector has sampled what the test
 * just created the page is a 404, so `ready` must not wait long by itself (use short timeouts).
 */
export async function openWhenSampled(page: Page, url: string, ready: () => Promise<boolean>): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.goto(url);
        return ready().catch(() => false);
      },
      { timeout: LIVE_TIMEOUT, intervals: [1_000] },
    )
    .toBe(true);
}
