import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { MAX_ANSWERS, sharedJson } from "@/lib/api/shared-json";

const schema = z.object({ rows: z.array(z.object({ name: z.string(), lag: z.number() })) });
const page = (count: number) => ({ rows: Array.from({ length: count }, (_, index) => ({ name: `tôpic/%-${index}`, lag: index })) });

describe("shared JSON answers", () => {
  it("makes an answer once per scope and key, and sends the same bytes each time", async () => {
    const scope = {};
    const build = vi.fn(() => page(3));
    const first = sharedJson(scope, "k", schema, build);
    const second = sharedJson(scope, "k", schema, build);
    expect(build).toHaveBeenCalledTimes(1);
    expect(await first.json()).toEqual(page(3));
    expect(first.headers.get("content-type")).toBe("application/json");
    // Reading one answer leaves the kept bytes as they were for the next.
    expect(await second.text()).toBe(JSON.stringify(page(3)));
    expect(await sharedJson(scope, "k", schema, build).json()).toEqual(page(3));
    expect(build).toHaveBeenCalledTimes(1);
    // Another key, another scope (the next snapshot): made anew.
    sharedJson(scope, "other", schema, build);
    sharedJson({}, "k", schema, build);
    expect(build).toHaveBeenCalledTimes(3);
  });

  it("keeps at most MAX_ANSWERS per scope, dropping the oldest", () => {
    const scope = {};
    const build = vi.fn(() => page(1));
    for (let index = 0; index <= MAX_ANSWERS; index++) sharedJson(scope, `k${index}`, schema, build);
    expect(build).toHaveBeenCalledTimes(MAX_ANSWERS + 1);
    sharedJson(scope, `k${MAX_ANSWERS}`, schema, build);
    expect(build).toHaveBeenCalledTimes(MAX_ANSWERS + 1);
    sharedJson(scope, "k0", schema, build);
    expect(build).toHaveBeenCalledTimes(MAX_ANSWERS + 2);
  });

  it("checks the answer against its schema, as every route's answer is, and keeps nothing it refused", () => {
    const scope = {};
    expect(() => sharedJson(scope, "k", schema, () => ({ rows: [{ name: 1 }] }))).toThrow("The response does not match its schema");
    const build = vi.fn(() => page(1));
    sharedJson(scope, "k", schema, build);
    expect(build).toHaveBeenCalledTimes(1);
  });
});
