import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { stateAt } from "../../test/fixtures";
import { byTestId, click, maybeTestId, mount, settle, unmount } from "../../test/helpers";
import { callsOf, installIpc, psaError } from "../../test/ipcMock";
import { BINOX_MSP, CUSTOM, HELPDESK_BUTTONS, TEMPLATE_SUMMARIES } from "../../test/templates";
import { BUILTIN_CUSTOM } from "../../templates";
import { Wizard } from "../Wizard";

afterEach(() => {
  unmount();
  clearMocks();
});

const cell = (entity: string, access: string) => byTestId(`permission-${entity}-${access}`);

describe("Choose step", () => {
  it("offers every Autotask template with its vendor and description, and loads the chosen one", async () => {
    const calls = installIpc(() => undefined);
    mount(<Wizard />);
    await settle();
    expect(byTestId<HTMLInputElement>("psa-autotask").checked).toBe(true);
    expect(byTestId<HTMLInputElement>("psa-connectwise").disabled).toBe(false);
    const radios = [...byTestId("integration-list").querySelectorAll("input[type=radio]")];
    expect(radios.map((r) => r.getAttribute("value"))).toEqual(TEMPLATE_SUMMARIES.map((t) => t.id));
    const list = byTestId("integration-list").textContent ?? "";
    expect(list).toMatch(/Binox MSP/);
    expect(list).toMatch(/Helpdesk Buttons \(Tier2Tickets\)/); // vendor, where it differs from the name
    expect(list).toMatch(/Binox reads and writes but never deletes/);
    expect(maybeTestId("templates-fallback-note")).toBeNull();
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);
    expect(maybeTestId("btn-back")).toBeNull();
    click("integration-binox-msp");
    await settle();
    expect(callsOf(calls, "template_get").map((c) => c.args)).toEqual([{ id: "binox-msp" }]);
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(false);
    click("btn-next");
    expect(byTestId("setup-steps").querySelectorAll("li")).toHaveLength(BINOX_MSP.autotask?.steps.length ?? -1);
  });

  it("leaves out templates without an Autotask setup", async () => {
    const cwOnly = { id: "cw-only", name: "CW Only", vendor: "Someone", psas: ["connectwise"], description: "d" };
    installIpc((cmd) => (cmd === "templates_list" ? [...TEMPLATE_SUMMARIES, cwOnly] : undefined));
    mount(<Wizard />);
    await settle();
    expect(maybeTestId("integration-cw-only")).toBeNull();
    expect(maybeTestId("integration-sync365-license")).not.toBeNull(); // Autotask and ConnectWise
  });

  it("offers the built-in Custom, and says so, when the list cannot be loaded", async () => {
    const calls = installIpc((cmd) => {
      if (cmd === "templates_list") throw psaError("internal");
      return undefined;
    });
    mount(<Wizard />);
    await settle();
    expect(byTestId("templates-fallback-note").textContent).toMatch(/couldn't load its list of integrations/);
    expect(byTestId("integration-list").querySelectorAll("input[type=radio]")).toHaveLength(1);
    click("integration-custom");
    await settle();
    expect(callsOf(calls, "template_get")).toHaveLength(0);
    click("btn-next");
    expect(byTestId("setup-steps").querySelectorAll("li")).toHaveLength(BUILTIN_CUSTOM.autotask?.steps.length ?? -1);
  });

  it("treats an empty list like a failed one", async () => {
    installIpc((cmd) => (cmd === "templates_list" ? [] : undefined));
    mount(<Wizard />);
    await settle();
    expect(maybeTestId("integration-custom")).not.toBeNull();
    expect(maybeTestId("templates-fallback-note")).not.toBeNull();
  });

  it("shows a template that fails to load as an error with a retry, not as someone else's steps", async () => {
    let fail = true;
    const calls = installIpc((cmd) => {
      if (cmd === "template_get" && fail) throw psaError("template_invalid", "The template is broken.", "Reinstall.");
      return undefined;
    });
    mount(<Wizard />);
    await settle();
    click("integration-binox-msp");
    await settle();
    expect(byTestId("error-panel-title").textContent).toBe("The template is broken.");
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);
    fail = false;
    click("btn-template-retry");
    await settle();
    expect(callsOf(calls, "template_get")).toHaveLength(2);
    expect(maybeTestId("error-panel")).toBeNull();
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(false);
  });
});

describe("API user step", () => {
  it("shows Custom's checklist, access table, own tracking identifier and read-only abilities", async () => {
    installIpc(() => undefined);
    mount(<Wizard initial={stateAt("apiUser", CUSTOM)} />);
    await settle();
    const steps = byTestId("setup-steps");
    expect(steps.querySelectorAll("li")).toHaveLength(5);
    expect(steps.textContent).toMatch(/Resources\/Users \(HR\) > Security > Security Levels/);
    expect(steps.textContent).toMatch(/Generate Key gives a username/);
    expect(byTestId("security-level").textContent).toMatch(/Start from API User \(system\), then make these changes/);
    expect(byTestId("permission-table").textContent).toMatch(/CRM > Organizations/);
    expect(cell("Companies", "read").dataset.access).toBe("required");
    expect(cell("Companies", "read").textContent).toMatch(/✓\s*Required/);
    expect(cell("Companies", "delete").textContent).toMatch(/–\s*Optional/);
    expect(byTestId("tracking-identifier").dataset.kind).toBe("custom");
    expect(byTestId("tracking-identifier").textContent).toMatch(/Custom \(Internal Integration\)/);
    expect(maybeTestId("tracking-vendor-name")).toBeNull();
    expect(maybeTestId("template-extras")).toBeNull();
    expect(maybeTestId("username-rule")).toBeNull();
    expect(byTestId("capability-Companies").textContent).toMatch(/read; no delete needed/);
    expect(byTestId("capability-Companies").dataset.write).toBe("false");
    click("setup-step-0");
    expect(byTestId<HTMLInputElement>("setup-step-0").checked).toBe(true);
    // no zone yet: the button is explained, not shown
    expect(maybeTestId("btn-open-autotask")).toBeNull();
    expect(byTestId("open-autotask-later").textContent).toMatch(/zone/);
  });

  it("shows Binox's vendor entry, the impersonation grid without Delete, its username rule and manual checks", async () => {
    installIpc(() => undefined);
    mount(<Wizard initial={stateAt("apiUser", BINOX_MSP)} />);
    await settle();
    expect(byTestId("setup-steps").querySelectorAll("li")).toHaveLength(8);
    expect(byTestId("security-level").textContent).toMatch(/Resource Impersonation: leave every Delete box empty/);
    expect(byTestId("security-level").textContent).toMatch(/Internal Cost.*Maximum number of Webhooks/);
    expect(byTestId("tracking-identifier").dataset.kind).toBe("integration_vendor");
    expect(byTestId("tracking-vendor-name").textContent).toBe("Binox MSP - Data Synchronization and Sales Reporting");
    expect(byTestId("tracking-identifier").textContent).toMatch(/Integration Vendor.*change this once the user is saved/);
    expect(cell("Quotes", "update").dataset.access).toBe("required");
    // The guide says nothing about the CRM entities' own Delete rights: not a "must not".
    expect(cell("Quotes", "delete").dataset.access).toBe("optional");
    expect(byTestId("username-rule").textContent).toMatch(/your organization's own domain/);
    const extras = byTestId("template-extras").querySelectorAll("li");
    expect(extras).toHaveLength(2);
    expect([...extras].every((e) => e.getAttribute("data-kind") === "manual_check")).toBe(true);
    expect(extras[0]?.textContent).toMatch(/^Confirm by hand:.*Resource Impersonation/);
    expect(extras[1]?.textContent).toMatch(/Internal Cost.*Maximum number of Webhooks/);
    expect(byTestId("capabilities").textContent).toMatch(/What Binox MSP will be able to do/);
    expect(byTestId("capability-ConfigurationItems").textContent).toMatch(/read and write/);
    expect(byTestId("capabilities-never-delete")).toBeTruthy();
    expect(byTestId("template-notes").textContent).toMatch(/username first and the secret on a second screen/);
  });

  it("names the contact Helpdesk Buttons needs", async () => {
    installIpc(() => undefined);
    mount(<Wizard initial={stateAt("apiUser", HELPDESK_BUTTONS)} />);
    await settle();
    const contact = byTestId("template-extras").querySelector('[data-kind="contact_must_exist"]');
    expect(contact?.textContent).toMatch(/“Unregistered User” with the e-mail unregistered@helpdeskbuttons.com must exist/);
    expect(byTestId("security-level").textContent).toMatch(/use it as it is/);
  });

  it("opens the partner's own Autotask once the zone is known, and names the menu to use", async () => {
    const calls = installIpc((cmd) => (cmd === "autotask_open_web" ? null : undefined));
    mount(<Wizard initial={{ ...stateAt("filters", BINOX_MSP), step: "apiUser" }} />);
    await settle();
    expect(byTestId("open-autotask-hint").textContent).toMatch(
      /start page\. From there, use the menu Admin > Account Settings & Users > Resources\/Users \(HR\) > Security > Security Levels/,
    );
    click("btn-open-autotask");
    await settle();
    // The page names what to open; the address is the app's zone.
    expect(callsOf(calls, "autotask_open_web").map((c) => c.args)).toEqual([{}]);
  });
});
