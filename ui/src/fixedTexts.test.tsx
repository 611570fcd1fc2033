// One test per text issue 14 fixed: each says what is true, and numbers are grouped one way everywhere.
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { countOf, formatCount } from "./format";
import { stateAt } from "./test/fixtures";
import { byTestId, item, maybeTestId, mount, report, settle, unmount } from "./test/helpers";
import { installIpc } from "./test/ipcMock";
import { BINOX_MSP, HELPDESK_BUTTONS, INFINIGATE, LIFECYCLE_INSIGHTS } from "./test/templates";
import { Wizard } from "./wizard/Wizard";
import { CW_REGIONS, canonicalRegion, isCloudRegion } from "./wizard/steps/cw/regions";
import { summaryHeading } from "./wizard/steps/Summary";

afterEach(() => {
  unmount();
  clearMocks();
});

describe("texts that say what is true", () => {
  it("groups numbers the same way on every screen", () => {
    expect(formatCount(1234)).toBe("1,234");
    expect(formatCount(10000)).toBe("10,000");
    expect(countOf(1, "company", "companies")).toBe("1 company");
    expect(countOf(1234, "company", "companies")).toBe("1,234 companies");
  });

  it("shows the filter count and the summary's count grouped", async () => {
    const preview = { companies: 1234, contacts: 10000, sample: [], contactsLowerBound: false };
    installIpc((cmd) => (cmd === "connection_preview" ? preview : undefined));
    mount(<Wizard initial={{ ...stateAt("summary"), preview }} />);
    await settle();
    expect(byTestId("summary-preview").textContent).toBe("1,234 companies, 10,000 contacts");
  });

  it("does not head a failed test's summary with “All set up”", async () => {
    const failed = { ...stateAt("summary"), report: report([item("auth", "failed")], { ok: false }) };
    expect(summaryHeading(failed)).not.toMatch(/All set up/);
    expect(summaryHeading(stateAt("summary"))).toBe("All set up");
    installIpc(() => undefined);
    mount(<Wizard initial={failed} />);
    await settle();
    expect(byTestId("step-heading").textContent).toBe("Summary: the connection test did not pass");
  });

  it("offers both Australian sites, au and aus, each with its own host (psa-api.md §B1 API hosts)", () => {
    const aus = CW_REGIONS.filter((r) => /australia/i.test(r.label));
    expect(aus.map((r) => [r.id, r.host])).toEqual([
      ["au", "au.myconnectwise.net"],
      ["aus", "aus.myconnectwise.net"],
    ]);
    expect(new Set(aus.map((r) => r.label)).size).toBe(2);
    expect(canonicalRegion("au")).toBe("au");
    expect(canonicalRegion("AU")).toBe("au");
    expect(canonicalRegion("aus")).toBe("aus");
    expect(isCloudRegion("au")).toBe(true);
    expect(canonicalRegion("https://cw.example.com")).toBe("https://cw.example.com");
  });

  it("Binox: says which filter groups Binox reads and marks PSA Connect's extras", async () => {
    installIpc(() => undefined);
    mount(<Wizard initial={stateAt("filters", BINOX_MSP)} />);
    await settle();
    expect(byTestId("filters-vendor-honours").textContent).toMatch(
      /Binox itself reads company types, company statuses, markets, territories, contact statuses/,
    );
    expect(byTestId("picklist-classifications-extra").textContent).toMatch(/offered by PSA Connect; Binox does not read/);
    expect(maybeTestId("picklist-companyTypes-extra")).toBeNull();
  });

  it("Binox: the everything-but-Delete grid is Resource Impersonation, and Other names Internal Cost and webhooks", () => {
    const at = BINOX_MSP.autotask!;
    expect(at.permissions.every((p) => p.delete === "optional")).toBe(true);
    expect(at.securityLevel.changes.join(" ")).toMatch(/Web Services API > Resource Impersonation/);
    expect(at.securityLevel.changes.join(" ")).toMatch(/Internal Cost.*Maximum number of Webhooks/);
  });

  it("Infinigate: the table is a recommendation the test does not fail on", () => {
    const at = INFINIGATE.autotask!;
    const access = at.permissions.flatMap((p) => [p.read, p.create, p.update, p.delete]);
    expect(access.every((a) => a === "optional")).toBe(true);
    expect(at.permissions.every((p) => /^Recommended/.test(p.note ?? ""))).toBe(true);
    expect(INFINIGATE.notes.join(" ")).toMatch(/lists no permissions.*recommendation/);
  });

  it("Lifecycle Insights: CRM and Service Desk are named as picture-only, and no must-not on the default level", () => {
    const at = LIFECYCLE_INSIGHTS.autotask!;
    expect(at.securityLevel.changes.filter((c) => /only in a picture/.test(c))).toHaveLength(2);
    expect(at.permissions.some((p) => [p.read, p.create, p.update, p.delete].includes("forbidden"))).toBe(false);
  });

  it("Helpdesk Buttons: the Unregistered User text invents no organization", () => {
    const texts = JSON.stringify(HELPDESK_BUTTONS.autotask!);
    expect(texts).toMatch(/says nothing about the organization/);
    expect(texts).not.toMatch(/belongs to (your|the) (own )?(company|organization)/i);
  });
});
