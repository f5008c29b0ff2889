import { describe, expect, it } from "vitest";
import { parseCatalogFile } from "@/lib/catalog/catalog-file";

function errorsOf(text: string) {
  const result = parseCatalogFile(text);
  return result.ok ? [] : result.errors.map((error) => `${error.path}: ${error.message}`);
}

describe("parseCatalogFile", () => {
  it("reports YAML syntax errors with their line", () => {
    expect(errorsOf("teams:\n  - slug: a\n   name: b\n")).toEqual(["line 3, column 1: Sequence item without - indicator"]);
  });

  it("reports a file that is not a mapping, and sections that are not lists", () => {
    expect(errorsOf("- a\n- b\n")).toEqual(["(file): The file must be a mapping with teams, services, contracts and flows"]);
    expect(errorsOf("teams: commerce\nversion: 2\n")).toEqual(["version: version must be 1", "teams: teams must be a list"]);
  });

  it("validates every entry and lists duplicates, shared consumer groups and orphan flows", () => {
    const text = [
      "teams:",
      "  - { slug: shop, name: Shop }",
      "  - { slug: shop, name: Shop again }",
      "services:",
      "  - { slug: a, name: A, team: shop, consumerGroups: [g1] }",
      "  - { slug: b, name: B, team: shop, consumerGroups: [g1, g2] }",
      "  - { slug: 'c d', name: C, team: shop }",
      "flows:",
      "  - { service: a, direction: produces, topic: t.one }",
      "  - { service: a, direction: produces, topic: t.one }",
      "  - { service: zz, direction: consumes, topic: t.one }",
      "  - { service: 'c d', direction: consumes, topic: t.one }",
    ].join("\n");
    expect(errorsOf(text)).toEqual([
      "services[2].slug: Slug may contain only letters, digits, '.', '_' and '-'",
      'flows[3].service: Service may contain only letters, digits, \'.\', \'_\' and \'-\'',
      'teams[1].slug: Team "shop" is already defined at index 0',
      'flows[1]: Flow "a produces local/t.one" is already defined at index 0',
      'services[1].consumerGroups: Consumer group "g1" already belongs to service "a"',
      'flows[2].service: Service "zz" is not in this file\'s services',
    ]);
  });

  it("reads producer header values and refuses one claimed by two services", () => {
    const text = [
      "teams:",
      "  - { slug: shop, name: Shop }",
      "services:",
      "  - { slug: a, name: A, team: shop, producerHeaderValues: [a-v2, a-batch] }",
      "  - { slug: b, name: B, team: shop, producerHeaderValues: [a-batch] }",
    ].join("\n");
    expect(errorsOf(text)).toEqual(['services[1].producerHeaderValues: Producer header value "a-batch" already belongs to service "a"']);
    const valid = parseCatalogFile(text.split("\n").slice(0, 4).join("\n"));
    expect(valid.ok && valid.file.services[0]!.producerHeaderValues).toEqual(["a-v2", "a-batch"]);
  });

  it("returns the parsed file with defaults when everything is valid", () => {
    const result = parseCatalogFile("teams:\n  - { slug: shop, name: Shop }\n");
    expect(result).toEqual({
      ok: true,
      file: { version: 1, teams: [{ slug: "shop", name: "Shop", description: "", email: null, chatChannel: null, oncallUrl: null }], services: [], contracts: [], flows: [] },
    });
  });

  it("returns the failure reason: malformed for control characters, invalid otherwise", () => {
    expect(parseCatalogFile("teams:\n  - { slug: a\u0000b, name: X }\n")).toEqual({
      ok: false, reason: "malformed", partial: null, errors: [{ path: "line 2, column 14", message: "The file contains a control character (U+0000)" }],
    });
    // YAML escapes produce control characters too: found in the parsed values, keys included.
    expect(parseCatalogFile('teams:\n  - { slug: "a\\x01b", name: X }\n')).toEqual({
      ok: false, reason: "malformed", partial: null, errors: [{ path: "teams[0].slug", message: "The value contains a control character (U+0001 at character 2)" }],
    });
    expect(parseCatalogFile('teams:\n  - { "slug\\0": a, name: X }\n')).toMatchObject({
      ok: false, reason: "malformed", errors: [{ path: "teams[0]", message: "A key contains a control character (U+0000 at character 5)" }],
    });
    // A tab is fine in a description, malformed in a slug.
    expect(parseCatalogFile('teams:\n  - { slug: "a\\tb", name: X, description: "one\\ttwo" }\n')).toMatchObject({
      ok: false, reason: "malformed", errors: [{ path: "teams[0].slug", message: "Slug contains a control character (U+0009 at character 2)" }],
    });
    expect(parseCatalogFile("teams:\n  - { slug: '..', name: X }\n")).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("refuses wrong types instead of coercing them", () => {
    const text = "contracts:\n  - { topic: t, owner: o, partitions: '3', retentionMs: [3], valueSchema: '{}' }\nservices:\n  - { slug: s, name: S, team: t, tags: 'a, b' }\n";
    expect(errorsOf(text)).toEqual([
      "services[0].tags: Tags must be a list of text",
      "contracts[0].partitions: Partitions must be a whole number",
      "contracts[0].retentionMs: Retention must be a whole number",
      'contracts[0].valueSchema: Value schema: must be a JSON object, e.g. {"type": "object"}',
    ]);
  });

  it("refuses an alias bomb (billion laughs) in well under a second, and any alias at all", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 10; level++) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`);
    }
    lines.push("teams: *j");
    const started = performance.now();
    const result = parseCatalogFile(lines.join("\n"));
    const elapsedMs = performance.now() - started;
    expect(result).toEqual({
      ok: false, reason: "invalid", partial: null,
      errors: [{ path: "line 2, column 8", message: "Aliases (*a) are not allowed in a catalog file; write the value out" }],
    });
    expect(elapsedMs).toBeLessThan(250);
    expect(errorsOf("teams:\n  - &shop { slug: shop, name: Shop }\nservices:\n  - { slug: s, name: S, team: shop, <<: *shop }\n")).toEqual([
      "line 4, column 41: Aliases (*shop) are not allowed in a catalog file; write the value out",
    ]);
  });

  it("bounds nesting and size before the YAML parser runs", () => {
    const deepFlow = `teams: ${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const started = performance.now();
    expect(errorsOf(deepFlow)).toEqual(["line 1, column 72: The file is nested more than 64 levels deep"]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(errorsOf(`teams:\n${"- ".repeat(65)}x\n`)).toEqual(["line 2, column 129: The file is nested more than 64 levels deep"]);
    expect(errorsOf(`teams:\n${"a".padStart(258)}: 1\n`)).toEqual(["line 2, column 1: The file is indented more than 256 columns"]);
    expect(errorsOf(`# ${"x".repeat(5 * 1024 * 1024)}\n`)).toEqual(["(file): The catalog file is larger than 5 MiB"]);
  });
});
