import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { stateAt } from "../../test/fixtures";
import { ZONE, byTestId, click, maybeTestId, mount, settle, unmount } from "../../test/helpers";
import { callsOf, installIpc, psaError } from "../../test/ipcMock";
import { BUILTIN_CUSTOM } from "../../templates";
import { Wizard } from "../Wizard";

afterEach(() => {
  unmount();
  clearMocks();
});

describe("Choose step", () => {
  it("offers Autotask, shows ConnectWise as coming, and loads the chosen template", async () => {
    const calls = installIpc((cmd) =>
      cmd === "template_get"
        ? { id: "custom", name: "Custom", psa: "autotask", customIntegrationCode: true, steps: [], permissions: [] }
        : undefined,
    );
    mount(<Wizard />);
    await settle();
    expect(byTestId<HTMLInputElement>("psa-autotask").checked).toBe(true);
    expect(byTestId<HTMLInputElement>("psa-connectwise").disabled).toBe(true);
    expect(byTestId("integration-list").textContent).toMatch(/Custom/);
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);
    expect(maybeTestId("btn-back")).toBeNull();
    click("integration-custom");
    await settle();
    expect(callsOf(calls, "template_get").map((c) => c.args)).toEqual([{ id: "custom" }]);
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(false);
    click("btn-next");
    expect(byTestId("setup-steps").querySelectorAll("li")).toHaveLength(BUILTIN_CUSTOM.steps.length);
  });

  it("offers Custom when the list of integrations cannot be loaded", async () => {
    const calls = installIpc((cmd) => {
      if (cmd === "templates_list") throw psaError("internal");
      return undefined;
    });
    mount(<Wizard />);
    await settle();
    expect(byTestId("templates-fallback-note")).toBeTruthy();
    click("integration-custom");
    await settle();
    expect(callsOf(calls, "template_get")).toHaveLength(0);
    click("btn-next");
    expect(maybeTestId("step-api-user")).not.toBeNull();
  });

  it("offers Custom when the list is empty", async () => {
    installIpc((cmd) => (cmd === "templates_list" ? [] : undefined));
    mount(<Wizard />);
    await settle();
    expect(maybeTestId("integration-custom")).not.toBeNull();
  });
});

describe("API user step", () => {
  it("lists steps with menu paths, the access table and the identifier to pick", async () => {
    installIpc(() => undefined);
    mount(<Wizard initial={stateAt("apiUser")} />);
    await settle();
    expect(byTestId("setup-steps").textContent).toMatch(/Resources\/Users \(HR\)/);
    expect(byTestId("permission-table").textContent).toMatch(/Companies/);
    expect(byTestId("tracking-identifier").textContent).toMatch(/Custom \(Internal Integration\)/);
    click("setup-step-0");
    expect(byTestId<HTMLInputElement>("setup-step-0").checked).toBe(true);
    // no zone yet: the button is explained, not shown
    expect(maybeTestId("btn-open-autotask")).toBeNull();
    expect(byTestId("open-autotask-later").textContent).toMatch(/zone/);
  });

  it("opens the partner's own Autotask once the zone is known", async () => {
    const calls = installIpc((cmd) => (cmd === "open_external" ? null : undefined));
    mount(<Wizard initial={{ ...stateAt("filters"), step: "apiUser" }} />);
    await settle();
    click("btn-open-autotask");
    await settle();
    expect(callsOf(calls, "open_external").map((c) => c.args)).toEqual([{ url: `${ZONE.webUrl}/` }]);
  });
});
