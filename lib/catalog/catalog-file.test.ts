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

  it("returns the parsed file with defaults when everything is valid", () => {
    const result = parseCatalogFile("teams:\n  - { slug: shop, name: Shop }\n");
    expect(result).toEqual({
      ok: true,
      file: { version: 1, teams: [{ slug: "shop", name: "Shop", description: "", email: null, chatChannel: null, oncallUrl: null }], services: [], contracts: [], flows: [] },
    });
  });
});
