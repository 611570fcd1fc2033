// The ConnectWise path through the wizard, from choosing the PSA to saving, against mocked commands.
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { ConnectwiseSite } from "../../../bindings.gen";
import { byTestId, channelSender, click, item, maybeTestId, mount, report, settle, typeInto, unmount } from "../../../test/helpers";
import { callsOf, installIpc, psaError } from "../../../test/ipcMock";
import { SYNC365 } from "../../../test/templates";
import { Wizard } from "../../Wizard";

afterEach(() => {
  unmount();
  clearMocks();
});

const PRIVATE_KEY = "Pr1vate-Key-Never-Shown";

const SITE: ConnectwiseSite = {
  site: "eu",
  companyId: "contoso",
  companyName: "Contoso MSP",
  codebase: "v2025_1/",
  isCloud: true,
  apiUrl: "https://api-eu.myconnectwise.net/v2025_1/apis/3.0",
  webUrl: "https://eu.myconnectwise.net",
  source: "detected",
};

const CW_PICKLISTS = {
  companyTypes: [{ value: "1", label: "Customer", isActive: true, sortOrder: 1 }],
  companyStatuses: [
    { value: "1", label: "Active", isActive: true, sortOrder: 1 },
    { value: "2", label: "Not-Approved", isActive: true, sortOrder: 2 },
  ],
  companyCategories: [],
  markets: [],
  territories: [{ value: "7", label: "North", isActive: true, sortOrder: 1 }],
  classifications: [],
  contactStatuses: [
    { value: "active", label: "Active", isActive: true, sortOrder: 1 },
    { value: "inactive", label: "Inactive", isActive: true, sortOrder: 2 },
  ],
};

const PACK_CLIENT_ID = "0e7d3c1a-9b64-4f2e-8a15-63c2b9d7e480";

/** Sync 365 as a vendor pack supplies it: with the vendor's registered clientId. */
function withPackClientId(handler: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined) {
  return (cmd: string, args: Record<string, unknown>) => {
    if (cmd === "template_get" && args.id === "sync365-license" && SYNC365.connectwise)
      return { ...SYNC365, connectwise: { ...SYNC365.connectwise, clientId: PACK_CLIENT_ID } };
    return handler(cmd, args);
  };
}

/** Walks from launch to step 2 with a template chosen for ConnectWise (Sync 365 unless told). */
async function toLoginStep(
  handler: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined,
  templateId = "sync365-license",
) {
  const calls = installIpc(handler);
  mount(<Wizard />);
  await settle();
  click("psa-connectwise");
  await settle();
  const offered = [...byTestId("integration-list").querySelectorAll("input[type=radio]")].map((r) =>
    r.getAttribute("value"),
  );
  expect(offered).toEqual(["custom", "sync365-license"]);
  click(`integration-${templateId}`);
  await settle();
  click("btn-next");
  await settle();
  return calls;
}

describe("ConnectWise wizard", () => {
  it("shows the API member steps and the security role table from the template", async () => {
    await toLoginStep();
    expect(byTestId("rail-apiUser").textContent).toMatch(/Create the API member/);
    const steps = byTestId("setup-steps").querySelectorAll("li");
    expect(steps).toHaveLength(SYNC365.connectwise?.apiMemberSteps.length ?? -1);
    const rows = byTestId("cw-role-table").querySelectorAll("tbody tr");
    expect(rows).toHaveLength(SYNC365.connectwise?.securityRole.modules.length ?? -1);
    expect(byTestId("cw-role-Companies-Contacts").textContent).toMatch(/All/);
    expect(byTestId("cw-simple-role").textContent).toBe("Admin");
  });

  it("needs a site, a company ID and a public key before going on; a self-hosted site takes an address", async () => {
    await toLoginStep();
    click("btn-next");
    await settle();
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);
    click("cw-region-self");
    await settle();
    typeInto("input-cw-host", "https://cw.example.com");
    typeInto("input-company-id", "contoso");
    typeInto("input-public-key", "  PubKey1  ");
    await settle();
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(false);
    click("cw-region-eu");
    await settle();
    expect(maybeTestId("input-cw-host")).toBeNull();
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(false);
  });

  it("Sync 365 without its vendor's clientId explains the pack instead of asking for it", async () => {
    await toLoginStep();
    click("btn-next");
    await settle();
    typeInto("input-company-id", "contoso");
    typeInto("input-public-key", "PubKey1");
    await settle();
    click("btn-next");
    await settle();
    expect(maybeTestId("input-client-id")).toBeNull();
    expect(maybeTestId("input-secret")).toBeNull();
    expect(byTestId("vendor-identifier-needed").textContent).toMatch(/ConnectWise clientId/);
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);
  });

  it("Sync 365 with a pack sends the vendor's clientId without asking", async () => {
    const calls = await toLoginStep(withPackClientId((cmd) => (cmd === "connectwise_set_credentials" ? null : undefined)));
    click("btn-next");
    await settle();
    typeInto("input-company-id", "contoso");
    typeInto("input-public-key", "PubKey1");
    await settle();
    click("btn-next");
    await settle();
    expect(maybeTestId("input-client-id")).toBeNull();
    expect(maybeTestId("vendor-identifier-needed")).toBeNull();
    typeInto("input-secret", PRIVATE_KEY);
    click("btn-next");
    await settle();
    expect(callsOf(calls, "connectwise_set_credentials")[0]?.args.credentials).toMatchObject({
      clientId: PACK_CLIENT_ID,
    });
  });

  it("hands the private key over once, detects the site, tests, counts by status id and saves with the site", async () => {
    let checkArgs: Record<string, unknown> = {};
    const calls = await toLoginStep((cmd, args) => {
      switch (cmd) {
        case "connectwise_set_credentials":
          return null;
        case "connectwise_detect_site":
          return SITE;
        case "connection_check": {
          checkArgs = args;
          const ch = channelSender(args.onItem);
          ch.send(item("site", "ok"));
          return report([item("site", "ok"), item("auth", "ok")], {
            psa: "connectwise",
            zone: undefined,
            site: SITE,
            threshold: undefined,
            picklists: CW_PICKLISTS,
          });
        }
        case "connection_preview":
          return { companies: 12, contacts: 30, sample: ["Adatum"], contactsLowerBound: false };
        case "profile_save":
          return { profile: { id: "p1", name: "x" }, warnings: [] };
        default:
          return undefined;
      }
    }, "custom");
    click("btn-next");
    await settle();
    click("cw-region-eu");
    typeInto("input-company-id", " contoso ");
    typeInto("input-public-key", "PubKey1");
    await settle();
    click("btn-next");
    await settle();

    // Private key step: Custom asks for the integration's own clientId.
    expect(byTestId("rail-secret").textContent).toMatch(/Private key/);
    typeInto("input-client-id", " 11111111-2222-3333-4444-555555555555 ");
    typeInto("input-secret", PRIVATE_KEY);
    await settle();
    click("btn-next");
    await settle();
    const handed = callsOf(calls, "connectwise_set_credentials");
    expect(handed).toHaveLength(1);
    expect(handed[0]?.args.credentials).toEqual({
      companyId: "contoso",
      publicKey: "PubKey1",
      privateKey: PRIVATE_KEY,
      clientId: "11111111-2222-3333-4444-555555555555",
    });

    // Site step: detected from the region and company ID typed on step 3.
    expect(callsOf(calls, "connectwise_detect_site")[0]?.args).toMatchObject({ site: "eu", companyId: "contoso" });
    expect(byTestId("site-company").textContent).toBe("Contoso MSP");
    expect(byTestId("site-hosting").textContent).toBe("ConnectWise cloud");
    expect(byTestId("site-codebase").textContent).toBe("v2025_1");
    click("btn-next");
    await settle();

    // The site is the app's (the detection put it in the session); the page sends no site or address.
    expect(checkArgs).toMatchObject({ templateId: "custom" });
    expect(checkArgs).not.toHaveProperty("site");
    expect(checkArgs).not.toHaveProperty("siteKnown");
    expect(byTestId("check-summary").dataset.ok).toBe("true");
    click("btn-next");
    await settle(10);

    click("filter-companyStatuses-2");
    expect(maybeTestId("picklist-classifications")).toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    await settle(10);
    const previews = callsOf(calls, "connection_preview");
    const last = previews[previews.length - 1]?.args as { filters: Record<string, unknown> };
    expect(last).not.toHaveProperty("site");
    expect(last.filters.companyStatusIds).toEqual(["2"]);
    expect(last.filters.companyStatuses).toEqual([]);
    click("btn-next");
    await settle();

    expect(byTestId("summary-psa").textContent).toBe("ConnectWise Manage");
    expect(byTestId("summary-company-id").textContent).toBe("contoso");
    expect(byTestId("summary-zone").textContent).toMatch(/eu\.myconnectwise\.net/);
    click("btn-save-profile");
    await settle();
    const saved = callsOf(calls, "profile_save")[0]?.args.profile as Record<string, unknown>;
    expect(saved).toMatchObject({
      connection: {
        psa: "connectwise",
        companyId: "contoso",
        publicKey: "PubKey1",
        clientId: "11111111-2222-3333-4444-555555555555",
        site: SITE,
      },
      template: "custom",
    });
    expect((saved.connection as Record<string, unknown>).zone).toBeUndefined();

    // After entry the private key is nowhere in the page or in any later command.
    expect(document.body.innerHTML).not.toContain(PRIVATE_KEY);
    const later = calls.filter((c) => c.cmd !== "connectwise_set_credentials");
    expect(JSON.stringify(later.map((c) => c.args))).not.toContain(PRIVATE_KEY);
  });

  it("an unknown company sends the partner back to the site and company ID", async () => {
    await toLoginStep(
      withPackClientId((cmd) => {
        if (cmd === "connectwise_set_credentials") return null;
        if (cmd === "connectwise_detect_site") throw psaError("cw_unknown_company", "No ConnectWise company is called that.");
        return undefined;
      }),
    );
    click("btn-next");
    await settle();
    typeInto("input-company-id", "nobody");
    typeInto("input-public-key", "PubKey1");
    await settle();
    click("btn-next");
    await settle();
    typeInto("input-secret", PRIVATE_KEY);
    click("btn-next");
    await settle();
    expect(byTestId("error-panel").textContent).toMatch(/No ConnectWise company/);
    click("btn-fix-site");
    await settle();
    expect(byTestId<HTMLInputElement>("input-company-id").value).toBe("nobody");
  });

  it("switching back to Autotask forgets what was typed for ConnectWise", async () => {
    await toLoginStep();
    click("btn-back");
    await settle();
    click("psa-autotask");
    await settle();
    expect(byTestId<HTMLInputElement>("psa-autotask").checked).toBe(true);
    expect(byTestId("rail-apiUser").textContent).toMatch(/Create the API user/);
  });
});
