// The keychain pre-flight on the secret step, and the warnings a save hands back to the home screen.
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { Profile } from "../bindings.gen";
import { App } from "../App";
import { Wizard } from "../wizard/Wizard";
import { CODE, savedProfile, stateAt } from "../test/fixtures";
import { byTestId, click, maybeTestId, mount, settle, typeInto, unmount } from "../test/helpers";
import { callsOf, installIpc, psaError } from "../test/ipcMock";

afterEach(() => {
  unmount();
  clearMocks();
});


const profile = (id: string, name: string): Profile => savedProfile(id, name);

describe("the keychain pre-flight on the secret step", () => {
  it("warns that saving won't work, with the keychain's fix, and still lets the partner type and go on", async () => {
    const calls = installIpc((cmd) => {
      if (cmd === "keychain_status") throw psaError("keychain_locked", "locked", "Unlock the login keychain in Keychain Access.");
      if (cmd === "autotask_set_credentials") return null;
      return undefined;
    });
    mount(<Wizard initial={stateAt("secret")} />);
    await settle();
    const panel = byTestId("keychain-warning");
    expect(panel.dataset.code).toBe("keychain_locked");
    expect(byTestId("keychain-warning-note").textContent).toMatch(/test the connection.*can't save/);
    expect(byTestId("keychain-warning-advice").textContent).toBe("Unlock the login keychain in Keychain Access.");
    // Above the secret field, not below it.
    const secret = byTestId("input-secret");
    expect(panel.compareDocumentPosition(secret) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    typeInto("input-integration-code", CODE);
    typeInto("input-secret", "still-typing-1");
    expect(byTestId<HTMLInputElement>("input-secret").value).toBe("still-typing-1");
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(false);
    click("btn-next");
    await settle();
    expect(callsOf(calls, "autotask_set_credentials")).toHaveLength(1);
    expect(maybeTestId("step-secret")).toBeNull();
    expect(callsOf(calls, "keychain_status")).toHaveLength(1);
  });

  it("shows nothing when the keychain works, and asks it only once per run", async () => {
    const calls = installIpc(() => undefined);
    mount(<Wizard initial={stateAt("secret")} />);
    await settle();
    expect(byTestId("step-secret")).toBeTruthy();
    expect(maybeTestId("keychain-warning")).toBeNull();
    unmount();
    mount(<Wizard initial={stateAt("secret")} />);
    await settle();
    expect(maybeTestId("keychain-warning")).toBeNull();
    expect(callsOf(calls, "keychain_status")).toHaveLength(1);
  });
});

describe("warnings from a save", () => {
  it("appear on the home screen above the list after saving, and can be dismissed", async () => {
    let list: Profile[] = [];
    installIpc((cmd, args) => {
      if (cmd === "profiles_list") return list;
      if (cmd === "profile_save") {
        const saved = profile("p2", (args.profile as Profile).name);
        list = [profile("p1", "Contoso"), saved];
        return {
          profile: saved,
          warnings: [{ code: "same_tenant_and_user", message: "same as Contoso", otherProfile: "Contoso" }],
        };
      }
      return undefined;
    });
    mount(<App initialWizard={stateAt("summary")} />);
    await settle();
    typeInto("input-profile-name", "Contoso again");
    click("btn-save-profile");
    await settle();
    // Saving leads to the vendor's portal step; Done there goes home.
    expect(byTestId("step-vendor")).toBeTruthy();
    click("btn-next");
    await settle();
    const panel = byTestId("save-warnings");
    expect(panel.textContent).toContain("the same PSA database with the same API login as “Contoso”");
    expect(byTestId("save-warning").dataset.code).toBe("same_tenant_and_user");
    const rowsBelow = panel.compareDocumentPosition(byTestId("profile-row-Contoso again"));
    expect(rowsBelow & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    click("btn-dismiss-save-warnings");
    await settle();
    expect(maybeTestId("save-warnings")).toBeNull();
    expect(byTestId("profile-row-Contoso again")).toBeTruthy();
  });

  it("stay away when the save had nothing to say", async () => {
    let list: Profile[] = [];
    installIpc((cmd, args) => {
      if (cmd === "profiles_list") return list;
      if (cmd === "profile_save") {
        const saved = profile("p1", (args.profile as Profile).name);
        list = [saved];
        return { profile: saved, warnings: [] };
      }
      return undefined;
    });
    mount(<App initialWizard={stateAt("summary")} />);
    await settle();
    click("btn-save-profile");
    await settle();
    expect(byTestId("vendor-saved").textContent).toContain("Saved as");
    click("btn-next");
    await settle();
    expect(byTestId("home-screen")).toBeTruthy();
    expect(maybeTestId("save-warnings")).toBeNull();
  });
});
