// A hand-off link the app was started with opens the wizard on the secret step with the rest filled in.
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { HandoffDraft, HandoffOpened } from "../bindings.gen";
import { App } from "../App";
import { Wizard } from "../wizard/Wizard";
import { resumeState } from "../wizard/resume";
import { profileInput } from "../wizard/psaCalls";
import { CUSTOM } from "../test/templates";
import { NO_FILTERS, USERNAME, savedProfile } from "../test/fixtures";
import { ZONE, byTestId, click, maybeTestId, mount, settle, unmount } from "../test/helpers";
import { callsOf, installIpc, psaError } from "../test/ipcMock";

afterEach(() => {
  unmount();
  clearMocks();
});

const DRAFT: HandoffDraft = {
  openStep: "secret",
  templateName: "Custom integration",
  secretHosts: ["webservices14.autotask.net"],
  profile: {
    name: "Contoso for Binox",
    template: "custom",
    connection: { psa: "autotask", username: USERNAME, integrationCode: "ABC123", zone: ZONE },
    filters: { ...NO_FILTERS, companyTypes: ["1"] },
    settings: {},
    notes: "Call me when done",
  },
};

/** The hand-off the app was started with, as it puts it in the page's start-up answers (src-tauri/src/startup.rs). */
function launchedWith(handoff: HandoffOpened) {
  (globalThis as Record<string, unknown>).__PSA_STARTUP__ = { handoff };
}

describe("hand-off at start-up", () => {
  it("opens the wizard on the secret step with the login, zone and filters filled in", async () => {
    const calls = installIpc((cmd) => (cmd === "profiles_list" ? [] : undefined));
    launchedWith({ draft: DRAFT });
    mount(<App />);
    await settle(10);
    expect(byTestId("step-secret")).toBeTruthy();
    expect(byTestId("wizard-notice").textContent).toMatch(/Prepared by your support contact for Custom integration/);
    expect(byTestId("wizard-notice").textContent).toMatch(/webservices14\.autotask\.net/);
    expect(byTestId<HTMLInputElement>("input-integration-code").value).toBe("ABC123");
    expect(callsOf(calls, "template_get").map((c) => c.args)).toEqual([{ id: "custom" }]);
    // The app's session takes the hand-off's zone from its own copy; the page sends no address.
    expect(callsOf(calls, "handoff_open").map((c) => c.args)).toEqual([{}]);
  });

  it("a refused link is explained and the app still opens", async () => {
    installIpc((cmd) => (cmd === "profiles_list" ? [] : undefined));
    launchedWith({ error: psaError("import_contains_secret", "This link carries a secret.") });
    mount(<App />);
    await settle(10);
    expect(byTestId("handoff-error").dataset.code).toBe("import_contains_secret");
    expect(byTestId("step-choose")).toBeTruthy();
    expect(maybeTestId("wizard-notice")).toBeNull();
    click("handoff-error-dismiss");
    await settle();
    expect(maybeTestId("handoff-error")).toBeNull();
    expect(byTestId("step-choose")).toBeTruthy();
  });

  it("a refused link is said above the saved connections on the home screen, until dismissed", async () => {
    installIpc((cmd) => (cmd === "profiles_list" ? [savedProfile()] : undefined));
    launchedWith({ error: psaError("import_invalid", "This link is damaged.") });
    mount(<App />);
    await settle(10);
    const banner = byTestId("handoff-error").closest(".app-banner");
    expect(banner?.nextElementSibling?.querySelector("[data-testid='home-screen']")).toBeTruthy();
    click("handoff-error-dismiss");
    await settle();
    expect(maybeTestId("handoff-error")).toBeNull();
    expect(byTestId("home-screen")).toBeTruthy();
  });

  it("offers the agent's name when saving and keeps the agent's notes", async () => {
    installIpc(() => undefined);
    const resumed = resumeState(DRAFT.profile, CUSTOM, { secretHeld: false });
    mount(<Wizard initial={{ ...resumed, step: "summary" }} />);
    await settle();
    expect(byTestId<HTMLInputElement>("input-profile-name").value).toBe("Contoso for Binox");
    expect(byTestId("summary-notes").textContent).toBe("Call me when done");
    // What is saved carries them too (the save itself is covered by the editing tests).
    const input = profileInput(resumed, "Contoso for Binox");
    expect(input.notes).toBe("Call me when done");
  });
});
