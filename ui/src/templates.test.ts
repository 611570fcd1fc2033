import { describe, expect, it } from "vitest";
import {
  BUILTIN_AUTOTASK_STEPS,
  BUILTIN_CUSTOM,
  needsIntegrationCode,
  normaliseSummaries,
  normaliseTemplate,
} from "./templates";

describe("templates from the app", () => {
  it("fills the app's current Custom stand-in (no steps, no permissions) from the built-in content", () => {
    const t = normaliseTemplate({
      id: "custom",
      name: "Custom",
      psa: "autotask",
      summary: "Your own integration",
      customIntegrationCode: true,
      steps: [],
      permissions: [],
    });
    expect(t.steps).toBe(BUILTIN_AUTOTASK_STEPS);
    expect(t.permissions).toEqual(BUILTIN_CUSTOM.permissions);
    expect(t.trackingIdentifier).toEqual({ kind: "custom" });
    expect(needsIntegrationCode(t)).toBe(true);
  });

  it("reads a vendor template's steps, access table and identifier", () => {
    const t = normaliseTemplate({
      id: "binox",
      name: "Binox MSP",
      psa: "autotask",
      integrationCode: "XYZ",
      steps: ["Copy a security level", { title: "New API User", menuPath: "Admin > …", detail: "d" }, { nope: 1 }],
      permissions: [{ entity: "Companies", view: true, add: true, edit: true, delete: false }, { entity: "Contacts", access: ["view"] }],
      trackingIdentifier: { kind: "vendor", vendorName: "Binox MSP - Data Synchronization and Sales Reporting" },
    });
    expect(t.steps).toEqual([
      { title: "Copy a security level" },
      { title: "New API User", menuPath: "Admin > …", detail: "d" },
    ]);
    expect(t.permissions).toEqual([
      { entity: "Companies", access: ["view", "add", "edit"], note: undefined },
      { entity: "Contacts", access: ["view"], note: undefined },
    ]);
    expect(t.trackingIdentifier?.vendorName).toMatch(/^Binox/);
    expect(needsIntegrationCode(t)).toBe(false);
  });

  it("asks for the identifier when a vendor template carries no code", () => {
    expect(needsIntegrationCode(normaliseTemplate({ id: "x", name: "X", psa: "autotask" }))).toBe(true);
  });

  it("drops list entries without an id", () => {
    expect(normaliseSummaries([{ id: "custom", name: "Custom", psa: "autotask" }, { name: "broken" }, 3])).toEqual([
      { id: "custom", name: "Custom", psa: "autotask", summary: undefined, customIntegrationCode: true },
    ]);
    expect(normaliseSummaries(null)).toEqual([]);
  });
});
