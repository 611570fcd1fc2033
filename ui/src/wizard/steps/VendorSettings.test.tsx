import { clearMocks } from "@tauri-apps/api/mocks";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { stateAt } from "../../test/fixtures";
import { byTestId, click, maybeTestId, mount, settle, unmount } from "../../test/helpers";
import { callsOf, installIpc } from "../../test/ipcMock";
import { CUSTOM, INFINIGATE } from "../../test/templates";
import { Wizard } from "../Wizard";

afterEach(() => {
  unmount();
  clearMocks();
});

function choose(id: string, value: string) {
  const el = byTestId<HTMLSelectElement>(id);
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

describe("vendor settings on the summary", () => {
  it("asks every setting the guide gives no default for before saving, and saves the answers", async () => {
    const calls = installIpc((cmd) => (cmd === "profile_save" ? { profile: { id: "p" }, warnings: [] } : undefined));
    mount(<Wizard initial={stateAt("summary", INFINIGATE)} />);
    await settle();
    expect(byTestId("vendor-settings").textContent).toMatch(/Load prices from/);
    expect(byTestId("settings-missing").textContent).toMatch(/Load prices from/);
    expect(byTestId<HTMLButtonElement>("btn-save-profile").disabled).toBe(true);
    for (const f of INFINIGATE.settings) choose(`setting-${f.id}`, f.options[f.options.length - 1]!.value);
    await settle();
    expect(maybeTestId("settings-missing")).toBeNull();
    click("btn-save-profile");
    await settle();
    const saved = callsOf(calls, "profile_save")[0]?.args.profile as { settings: Record<string, unknown> };
    expect(saved.settings).toEqual(
      Object.fromEntries(INFINIGATE.settings.map((f) => [f.id, f.options[f.options.length - 1]!.value])),
    );
  });

  it("shows nothing for a template without settings", async () => {
    installIpc(() => undefined);
    mount(<Wizard initial={stateAt("summary", CUSTOM)} />);
    await settle();
    expect(maybeTestId("vendor-settings")).toBeNull();
    expect(byTestId<HTMLButtonElement>("btn-save-profile").disabled).toBe(false);
  });
});
