import { describe, expect, it } from "vitest";
import { BINOX_MSP, CUSTOM, HELPDESK_BUTTONS, TEMPLATE_SUMMARIES } from "./test/templates";
import { VENDOR_TEMPLATE } from "./test/fixtures";
import {
  BUILTIN_CUSTOM,
  autotaskSteps,
  capabilities,
  normaliseSummaries,
  templateCode,
} from "./templates";

describe("templates", () => {
  it("a vendor's code comes only from the template a pack supplied; built-in data carries none", () => {
    expect(templateCode(CUSTOM)).toBeUndefined();
    expect(templateCode(BINOX_MSP)).toBeUndefined();
    expect(templateCode(null)).toBeUndefined();
    expect(templateCode(VENDOR_TEMPLATE)).toBe("VENDORCODE");
  });

  it("derives what the integration may do from the required access only", () => {
    const binox = capabilities(BINOX_MSP);
    expect(binox.map((c) => c.entity)).toEqual(["Companies", "Contacts", "Opportunities", "Quotes", "ConfigurationItems"]);
    // Binox's "everything but Delete" is its impersonation grid: the entity rights say nothing about Delete.
    expect(binox.every((c) => c.read && c.write && !c.delete && !c.neverDelete)).toBe(true);
    // Custom: read is required, the rest optional, so it neither writes nor is barred from deleting
    expect(capabilities(CUSTOM)).toEqual([
      { entity: "Companies", label: "CRM > Organizations", read: true, write: false, delete: false, neverDelete: false },
      { entity: "Contacts", label: "CRM > Contacts", read: true, write: false, delete: false, neverDelete: false },
    ]);
    expect(capabilities(null)).toEqual([]);
  });

  it("reads the checklist from the Autotask setup", () => {
    expect(autotaskSteps(HELPDESK_BUTTONS).map((s) => s.id)).toContain("unregistered_contact");
    expect(autotaskSteps({ ...CUSTOM, autotask: undefined })).toEqual([]);
  });

  it("keeps a built-in Custom that is shaped like the real one", () => {
    expect(BUILTIN_CUSTOM.id).toBe(CUSTOM.id);
    expect(BUILTIN_CUSTOM.autotask?.trackingIdentifier).toEqual(CUSTOM.autotask?.trackingIdentifier);
    expect(BUILTIN_CUSTOM.autotask?.permissions).toEqual(CUSTOM.autotask?.permissions);
  });

  it("keeps the well-formed list entries and drops the rest", () => {
    expect(normaliseSummaries(TEMPLATE_SUMMARIES)).toEqual(TEMPLATE_SUMMARIES);
    expect(
      normaliseSummaries([{ id: "x", name: "X", vendor: "V", psas: ["autotask", "bogus"], description: "d" }, { name: "no id" }, 3]),
    ).toEqual([{ id: "x", name: "X", vendor: "V", psas: ["autotask"], description: "d" }]);
    expect(normaliseSummaries(null)).toEqual([]);
  });
});
