// The local identity provider's distribution, fetched and unpacked by Maven (scripts/keycloak/pom.xml).
// Real Maven, real artifact: a demo or test run after `rm -rf .data` must get a Keycloak again.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureKeycloakDist, keycloakConfigDir } from "@/scripts/lib/keycloak-dist";

describe("Keycloak distribution", () => {
  it("is unpacked again after its directory was deleted, although Maven's marker says it unpacked it before", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "tributary-keycloak-dist-"));
    try {
      const first = ensureKeycloakDist(root);
      expect(existsSync(path.join(first.home, "bin", "kc.sh"))).toBe(true);
      // The dependency plugin's own record of the unpack, beside the pom: it outlives the output directory.
      const marker = path.join(keycloakConfigDir, "target", "dependency-maven-plugin-markers", `org.keycloak-keycloak-quarkus-dist-tar.gz-${first.version}.marker`);
      expect(existsSync(marker)).toBe(true);

      rmSync(root, { recursive: true, force: true });
      const second = ensureKeycloakDist(root);
      expect(second.home).toBe(first.home);
      expect(existsSync(path.join(second.home, "bin", "kc.sh"))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 300_000);
});
