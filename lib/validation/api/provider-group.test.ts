import { describe, expect, it } from "vitest";
import { providerGroupBodySchema } from "@/lib/validation/api/provider-group";

describe("providerGroupBodySchema", () => {
  it("trims, and reads empty or null as no group", () => {
    expect(providerGroupBodySchema.parse({ providerGroup: "  team-commerce " })).toEqual({ providerGroup: "team-commerce" });
    expect(providerGroupBodySchema.parse({ providerGroup: "" })).toEqual({ providerGroup: null });
    expect(providerGroupBodySchema.parse({ providerGroup: null })).toEqual({ providerGroup: null });
    // Entra ID sends object ids; Keycloak full paths start with "/".
    expect(providerGroupBodySchema.parse({ providerGroup: "/teams/commerce" }).providerGroup).toBe("/teams/commerce");
  });

  it("refuses commas, control characters, overlong names and unknown fields", () => {
    for (const providerGroup of ["a,b", "a\nb", "x".repeat(201)]) expect(providerGroupBodySchema.safeParse({ providerGroup }).success).toBe(false);
    expect(providerGroupBodySchema.safeParse({ providerGroup: "a", role: "admin" }).success).toBe(false);
    expect(providerGroupBodySchema.safeParse({}).success).toBe(false);
  });
});
