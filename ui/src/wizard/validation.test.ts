import { describe, expect, it } from "vitest";
import { checkIntegrationCode, checkUsername } from "./validation";

describe("username format", () => {
  it("accepts an e-mail form username and trims what was pasted around it", () => {
    expect(checkUsername("  api-sync@example.com \t\n")).toEqual({ ok: true, value: "api-sync@example.com" });
    expect(checkUsername("ABC123@sub.example.co.uk").ok).toBe(true);
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["api sync@example.com", "spaces"],
    ["api-sync", "no_at"],
    ["a@b@example.com", "many_at"],
    ["@example.com", "no_name"],
    ["api@example", "no_domain"],
    ["api@.com", "no_domain"],
    ["api@example.", "no_domain"],
    [`${"a".repeat(250)}@example.com`, "too_long"],
  ])("refuses %j as %s with a sentence to act on", (input, problem) => {
    const r = checkUsername(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toBe(problem);
      expect(r.message.length).toBeGreaterThan(20);
    }
  });
});

describe("tracking identifier", () => {
  it("needs a value without spaces", () => {
    expect(checkIntegrationCode("")).toMatch(/Custom \(Internal Integration\)/);
    expect(checkIntegrationCode("AB CD")).toMatch(/no spaces/);
    expect(checkIntegrationCode("  ABCD  ")).toBeNull();
  });
});
