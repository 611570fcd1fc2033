import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { Profile } from "../bindings.gen";
import { App } from "../App";
import { SaveContext } from "./context";
import { Wizard } from "../wizard/Wizard";
import { USERNAME, savedProfile, stateAt } from "../test/fixtures";
import { ZONE, byTestId, channelSender, click, item, maybeTestId, mount, report, settle, typeInto, unmount } from "../test/helpers";
import { callsOf, installIpc, psaError } from "../test/ipcMock";

afterEach(() => {
  unmount();
  clearMocks();
});

const PROFILE: Profile = savedProfile();


describe("the home screen", () => {
  it("opens on the wizard when nothing is saved", async () => {
    installIpc((cmd) => (cmd === "profiles_list" ? [] : undefined));
    mount(<App />);
    await settle();
    expect(maybeTestId("home-screen")).toBeNull();
    expect(byTestId("step-choose")).toBeTruthy();
  });

  it("lists saved profiles with their health, re-tests in place and deletes after a confirmation", async () => {
    let list: Profile[] = [PROFILE, { ...PROFILE, id: "p2", name: "Fabrikam", lastCheck: { at: new Date().toISOString(), ok: false, summary: "1 check failed.", failingChecks: ["auth"] } }];
    const calls = installIpc((cmd, args) => {
      switch (cmd) {
        case "profiles_list":
          return list;
        case "keychain_status":
          return null;
        case "profile_recheck": {
          const ch = channelSender(args.onItem);
          ch.send(item("auth", "running"));
          const r = report([item("auth", "ok")]);
          const profile = { ...PROFILE, lastCheck: { at: new Date().toISOString(), ok: true, summary: "The check passed.", failingChecks: [] } };
          list = [profile, list[1]!];
          return { profile, report: r };
        }
        case "profile_delete":
          list = list.filter((p) => p.id !== args.id);
          return PROFILE;
        default:
          return undefined;
      }
    });
    mount(<App />);
    await settle();
    expect(byTestId("home-screen")).toBeTruthy();
    const row = () => byTestId("profile-row-Contoso");
    const health = (r: HTMLElement) => r.querySelector<HTMLElement>('[data-testid="profile-health"]')!;
    expect(health(row()).dataset.health).toBe("untested");
    expect(health(row()).textContent).toBe("Never tested");
    expect(health(byTestId("profile-row-Fabrikam")).dataset.health).toBe("failing");
    expect(row().textContent).toContain(USERNAME);
    expect(row().textContent).toContain(ZONE.zoneName);

    row().querySelector<HTMLButtonElement>('[data-testid="btn-profile-retest"]')!.click();
    await settle();
    expect(callsOf(calls, "profile_recheck")[0]!.args.id).toBe("p1");
    expect(row().querySelector('[data-testid="check-item-auth"]')!.getAttribute("data-status")).toBe("ok");
    expect(health(row()).dataset.health).toBe("verified");

    row().querySelector<HTMLButtonElement>('[data-testid="btn-profile-delete"]')!.click();
    await settle();
    expect(byTestId("confirm-delete").textContent).toContain("keychain");
    expect(callsOf(calls, "profile_delete")).toHaveLength(0);
    click("btn-confirm-delete");
    await settle();
    expect(callsOf(calls, "profile_delete")[0]!.args).toEqual({ id: "p1" });
    expect(maybeTestId("profile-row-Contoso")).toBeNull();
    expect(byTestId("profile-row-Fabrikam")).toBeTruthy();
  });

  it("shows the keychain's own error when the self-test fails", async () => {
    installIpc((cmd) => {
      if (cmd === "profiles_list") return [PROFILE];
      if (cmd === "keychain_status") throw psaError("keychain_unavailable", "No Secret Service", "Install gnome-keyring");
      return undefined;
    });
    mount(<App />);
    await settle();
    expect(byTestId("keychain-error").dataset.code).toBe("keychain_unavailable");
  });
});

describe("saving from the summary", () => {
  it("offers a default name, saves without the secret and hands the profile back", async () => {
    const saved: Profile[] = [];
    const calls = installIpc((cmd, args) =>
      cmd === "profile_save" ? { profile: { ...PROFILE, name: (args.profile as Profile).name }, warnings: [] } : undefined,
    );
    mount(
      <SaveContext.Provider value={{ onSaved: (p) => saved.push(p) }}>
        <Wizard initial={stateAt("summary")} />
      </SaveContext.Provider>,
    );
    await settle();
    const input = byTestId<HTMLInputElement>("input-profile-name");
    expect(input.value).toBe("Custom integration – example.com");
    typeInto("input-profile-name", "Contoso main");
    click("btn-save-profile");
    await settle();
    const args = callsOf(calls, "profile_save")[0]!.args;
    const profile = args.profile as Record<string, unknown>;
    expect(profile.name).toBe("Contoso main");
    expect((profile.connection as Record<string, unknown>).username).toBe(USERNAME);
    expect(profile.template).toBe("custom");
    expect(JSON.stringify(args)).not.toMatch(/secret/i);
    expect(saved.map((p) => p.name)).toEqual(["Contoso main"]);
  });

  it("shows a keychain error in plain words and keeps what was typed", async () => {
    installIpc((cmd) => {
      if (cmd === "profile_save") throw psaError("keychain_locked", "The keychain is locked", "Unlock it");
      return undefined;
    });
    const saved: Profile[] = [];
    mount(
      <SaveContext.Provider value={{ onSaved: (p) => saved.push(p) }}>
        <Wizard initial={stateAt("summary")} />
      </SaveContext.Provider>,
    );
    await settle();
    typeInto("input-profile-name", "Kept name");
    click("btn-save-profile");
    await settle();
    expect(byTestId("save-error").dataset.code).toBe("keychain_locked");
    expect(byTestId("save-error-title").textContent!.length).toBeGreaterThan(0);
    expect(byTestId<HTMLInputElement>("input-profile-name").value).toBe("Kept name");
    expect(byTestId("step-summary")).toBeTruthy();
    expect(saved).toHaveLength(0);
  });
});

describe("re-test all", () => {
  it("streams each profile's result onto its row, then one summary line, and reloads the list", async () => {
    const list: Profile[] = [PROFILE, { ...PROFILE, id: "p2", name: "Fabrikam" }];
    let listed = 0;
    const calls = installIpc((cmd, args) => {
      switch (cmd) {
        case "profiles_list":
          listed += 1;
          return list;
        case "keychain_status":
          return null;
        case "profiles_recheck_all": {
          const ch = channelSender(args.onEvent);
          const result = (id: string, name: string, ok: boolean, summary: string) => ({
            kind: "result",
            profileId: id,
            name,
            psa: "autotask",
            ok,
            summary,
            cancelled: false,
            elapsedMs: 120,
            requests: 6,
          });
          ch.send(result("p2", "Fabrikam", false, "The secret is wrong."));
          ch.send(result(PROFILE.id, "Contoso", true, "All 6 checks passed."));
          const summary = { total: 2, passed: 1, failed: 1, cancelled: 0, elapsedMs: 300, line: "2 connections re-tested in 0.3 s: 1 work, 1 failed." };
          ch.send({ kind: "done", ...summary });
          return summary;
        }
        default:
          return undefined;
      }
    });
    mount(<App />);
    await settle();
    const before = listed;
    click("btn-retest-all");
    await settle();
    expect(callsOf(calls, "profiles_recheck_all")).toHaveLength(1);
    const line = (name: string) => byTestId(`profile-row-${name}`).querySelector<HTMLElement>('[data-testid="profile-recheck-line"]')!;
    expect(line("Fabrikam").textContent).toBe("The secret is wrong.");
    expect(line("Contoso").textContent).toBe("All 6 checks passed.");
    expect(byTestId("retest-all-summary").textContent).toBe("2 connections re-tested in 0.3 s: 1 work, 1 failed.");
    expect(listed).toBeGreaterThan(before);
  });

  it("can be cancelled while it runs", async () => {
    let finish: (v: unknown) => void = () => {};
    const calls = installIpc((cmd) => {
      switch (cmd) {
        case "profiles_list":
          return [PROFILE];
        case "keychain_status":
          return null;
        case "profiles_recheck_all":
          return new Promise((resolve) => {
            finish = resolve;
          });
        default:
          return undefined;
      }
    });
    mount(<App />);
    await settle();
    click("btn-retest-all");
    await settle();
    expect(byTestId("retest-all-progress").textContent).toContain("0 of 1");
    click("btn-retest-all-cancel");
    await settle();
    const opId = callsOf(calls, "profiles_recheck_all")[0]!.args.opId;
    expect(callsOf(calls, "cancel_operation").map((c) => c.args)).toEqual([{ opId }]);
    finish({ total: 1, passed: 0, failed: 0, cancelled: 1, elapsedMs: 10, line: "1 connection re-tested in 0.0 s: 0 work, 1 not re-tested (cancelled)." });
    await settle();
    expect(byTestId("btn-retest-all")).toBeTruthy();
  });
});
