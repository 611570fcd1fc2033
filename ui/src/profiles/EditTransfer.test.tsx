// Editing a saved connection in the wizard, export and import from the home screen, and saving although
// the test failed.
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { CheckItem, Connection, Profile } from "../bindings.gen";
import { App } from "../App";
import { NO_FILTERS, savedProfile } from "../test/fixtures";
import { byTestId, channelSender, click, item, maybeTestId, mount, report, settle, unmount } from "../test/helpers";
import { callsOf, installIpc, psaError } from "../test/ipcMock";
import { CUSTOM } from "../test/templates";
import { resumeState } from "../wizard/resume";
import { isComplete, siteCurrent } from "../wizard/state";

afterEach(() => {
  unmount();
  clearMocks();
});

const FILTERS = { ...NO_FILTERS, companyTypes: ["1"], companyStatuses: ["active" as const] };

const PROFILE: Profile = savedProfile("p1", "Contoso", { filters: FILTERS, notes: "Sync weekdays only (ticket 4711)" });

/** The home screen with PROFILE saved; its re-test reports `items` (the last one also streamed as it runs) and
 * its filters select one company and `contacts` contacts. */
function installEditing(items: CheckItem[], contacts: number) {
  return installIpc((cmd, args) => {
    switch (cmd) {
      case "profiles_list":
        return [PROFILE];
      case "profile_open":
        return PROFILE;
      case "connection_check":
        channelSender(args.onItem).send(items[items.length - 1]);
        return report(items);
      case "connection_preview":
        return { companies: 1, contacts, sample: [], contactsLowerBound: false };
      case "profile_save":
        return { profile: PROFILE, warnings: [] };
      default:
        return undefined;
    }
  });
}


describe("resuming the wizard", () => {
  it("opens a profile with its secret on the test, and one without on the secret step", () => {
    const held = resumeState(PROFILE, CUSTOM, { secretHeld: true, editing: { id: "p1", name: "Contoso" } });
    expect(held.step).toBe("check");
    expect(isComplete(held, "secret")).toBe(true);
    expect(isComplete(held, "zone")).toBe(true);
    expect(held.selection.companyTypes).toEqual(["1"]);
    expect(held.selection.companyStatuses).toEqual(["active"]);
    const missing = resumeState(PROFILE, CUSTOM, { secretHeld: false });
    expect(missing.step).toBe("secret");
    expect(missing.credentials).toBeNull();
    const noUser = resumeState({ ...PROFILE, connection: { ...PROFILE.connection, username: "" } as Connection }, CUSTOM, {
      secretHeld: false,
    });
    expect(noUser.step).toBe("username");
  });

  it("a ConnectWise profile keeps its site, company and status ids", () => {
    const site = {
      site: "na",
      companyId: "contoso",
      companyName: "Contoso",
      codebase: "v2025_1/",
      isCloud: true,
      apiUrl: "https://api-na.myconnectwise.net/v2025_1/apis/3.0",
      webUrl: "https://na.myconnectwise.net",
      source: "detected" as const,
    };
    const s = resumeState(
      {
        ...PROFILE,
        connection: { psa: "connectwise", companyId: "contoso", publicKey: "PubKey", clientId: "", site },
        filters: { ...FILTERS, companyStatuses: [], companyStatusIds: ["4"] },
      },
      CUSTOM,
      { secretHeld: true },
    );
    expect(s.step).toBe("check");
    expect(siteCurrent(s)).toBe(true);
    expect(s.companyId).toBe("contoso");
    expect(s.selection.companyStatuses).toEqual(["4"]);
  });
});

describe("editing from the home screen", () => {
  it("Edit opens the wizard on the connection test and saving replaces the profile", async () => {
    const calls = installEditing([item("auth", "ok")], 2);
    mount(<App />);
    await settle();
    click("btn-profile-edit");
    await settle(10);
    expect(callsOf(calls, "profile_open").map((c) => c.args)).toEqual([{ id: "p1" }]);
    expect(byTestId("step-check")).toBeTruthy();
    expect(callsOf(calls, "connection_check")).toHaveLength(1);
    click("btn-next");
    await settle();
    click("btn-next");
    await settle();
    expect(byTestId<HTMLInputElement>("input-profile-name").value).toBe("Contoso");
    expect(byTestId("btn-save-profile").textContent).toMatch(/Save changes/);
    click("btn-save-profile");
    await settle();
    const save = callsOf(calls, "profile_save")[0]?.args as {
      overwrite: boolean;
      profile: { filters: unknown; notes: string; name: string };
    };
    expect(save.overwrite).toBe(true);
    expect(save.profile.filters).toMatchObject({ companyTypes: ["1"], companyStatuses: ["active"] });
    // Editing loses nothing it didn't show: the connection's notes are saved back unchanged.
    expect(save.profile.notes).toBe("Sync weekdays only (ticket 4711)");
    expect(save.profile.name).toBe("Contoso");
  });

  it("an imported profile without a secret opens on the secret step", async () => {
    installIpc((cmd) => {
      if (cmd === "profiles_list") return [{ ...PROFILE, secretRef: undefined }];
      if (cmd === "profile_open") throw psaError("keychain_entry_missing", "No secret is stored for this connection.");
      return undefined;
    });
    mount(<App />);
    await settle();
    click("btn-profile-edit");
    await settle(10);
    expect(byTestId("step-secret")).toBeTruthy();
    expect(maybeTestId("secret-stored")).toBeNull();
  });

  it("a locked keychain is said on the connection's row instead of asking for the secret again", async () => {
    installIpc((cmd) => {
      if (cmd === "profiles_list") return [PROFILE];
      if (cmd === "profile_open") throw psaError("keychain_locked", "The keychain is locked.", "Unlock it.");
      return undefined;
    });
    mount(<App />);
    await settle();
    click("btn-profile-edit");
    await settle(10);
    expect(maybeTestId("step-secret")).toBeNull();
    expect(byTestId("home-screen")).toBeTruthy();
    expect(byTestId("error-panel").dataset.code).toBe("keychain_locked");
  });
});

describe("export and import", () => {
  it("exports all to a file whose path is shown, and can show it in the folder", async () => {
    const calls = installIpc((cmd) => {
      if (cmd === "profiles_list") return [PROFILE];
      if (cmd === "profiles_export") return { path: "/home/me/Downloads/psa-connect-profiles-2026-11-23.json", count: 1 };
      if (cmd === "reveal_path") return null;
      return undefined;
    });
    mount(<App />);
    await settle();
    click("btn-export-all");
    await settle();
    expect(callsOf(calls, "profiles_export")[0]?.args).toEqual({ id: null });
    expect(byTestId("export-written").textContent).toMatch(/Exported 1 connection to \/home\/me\/Downloads/);
    click("btn-reveal-export");
    await settle();
    expect(callsOf(calls, "reveal_path")[0]?.args).toEqual({ path: "/home/me/Downloads/psa-connect-profiles-2026-11-23.json" });
  });

  it("asks about clashing names, then imports with the choices made", async () => {
    const calls = installIpc((cmd, args) => {
      if (cmd === "profiles_list") return [PROFILE];
      if (cmd === "profiles_import") {
        const choices = (args.options as { choices: Record<string, string> }).choices;
        if (!choices.Contoso) return { imported: [], skipped: [], clashes: ["Contoso"], warnings: [] };
        return {
          imported: [{ id: "n1", name: "Contoso (imported)", sourceName: "Contoso", replaced: false, needsSecret: true }],
          skipped: [],
          clashes: [],
          warnings: [],
        };
      }
      return undefined;
    });
    mount(<App />);
    await settle();
    const input = byTestId<HTMLInputElement>("input-import-file");
    const file = new File(['{"format":"psa-connect-profiles"}'], "export.json", { type: "application/json" });
    Object.defineProperty(input, "files", { value: [file] });
    input.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(10);
    expect(byTestId("import-clashes").textContent).toMatch(/Contoso/);
    expect(byTestId<HTMLInputElement>("clash-Contoso-rename").checked).toBe(true);
    click("clash-Contoso-replace");
    click("clash-Contoso-rename");
    click("btn-import-go");
    await settle(10);
    const imports = callsOf(calls, "profiles_import");
    expect(imports).toHaveLength(2);
    expect(imports[0]?.args.text).toBe('{"format":"psa-connect-profiles"}');
    expect(imports[1]?.args.options).toEqual({ choices: { Contoso: "rename" } });
    expect(byTestId("import-report").textContent).toMatch(/Imported 1 connection.*enter its secret/);
  });
});

describe("saving although the test failed", () => {
  it("needs an explicit choice on the test step, then saves with force", async () => {
    const calls = installEditing([item("auth", "ok"), item("probe.contacts", "missing")], 0);
    mount(<App />);
    await settle();
    click("btn-profile-edit");
    await settle(10);
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);
    click("btn-continue-anyway");
    await settle();
    click("btn-next");
    await settle();
    expect(byTestId<HTMLButtonElement>("btn-save-profile").disabled).toBe(true);
    click("btn-save-anyway");
    await settle();
    expect(callsOf(calls, "profile_save")[0]?.args).toMatchObject({ force: true, overwrite: true });
  });
});
