import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { render } from "preact";
import { firstScreenShown, markInteractive } from "./startup";
import { byTestId, click, maybeTestId, mount, settle, unmount } from "./test/helpers";
import { savedProfile } from "./test/fixtures";
import { callsOf, installIpc, psaError } from "./test/ipcMock";
import { TEMPLATE_SUMMARIES } from "./test/templates";

afterEach(() => {
  unmount();
  clearMocks();
});

/** What the app puts in the page before its script runs (src-tauri/src/startup.rs): the lists, and `more`. */
function handAnswers(profiles: unknown[], more: Record<string, unknown> = {}) {
  (globalThis as Record<string, unknown>).__PSA_STARTUP__ = { templates: TEMPLATE_SUMMARIES, profiles, ...more };
}

/** The app's facts as a production build states them, the zone lookup at `zoneLookupUrl`. */
const appFacts = (zoneLookupUrl: string, zoneLookupOverridden: boolean) => ({
  version: "0.1.0",
  zoneLookupUrl,
  zoneLookupOverridden,
});

const frames = (n: number) =>
  new Promise<void>((done) => {
    const step = (left: number) => (left === 0 ? done() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });

describe("start-up", () => {
  it("shows step 1 with its integrations in the first wizard frame, from one request per list", async () => {
    const calls = installIpc((cmd) => (cmd === "profiles_list" ? [] : undefined));
    mount(<App />);
    // The loading screen waits for the profiles and the templates together …
    await settle();
    expect(byTestId("step-choose")).toBeTruthy();
    // … so the wizard never shows its spinner, and nobody asked twice.
    expect(maybeTestId("templates-loading")).toBeNull();
    expect(byTestId("integration-custom")).toBeTruthy();
    expect(callsOf(calls, "templates_list")).toHaveLength(1);
    expect(callsOf(calls, "app_info")).toHaveLength(1);
  });

  it("draws the header while the first answers are on their way, and reports nothing until step 1 is up", async () => {
    let answer: (list: unknown[]) => void = () => undefined;
    const pending = new Promise<unknown[]>((done) => (answer = done));
    const calls = installIpc((cmd) => (cmd === "profiles_list" ? pending : undefined));
    const root = mount(<App />);
    await settle();
    await frames(3);
    const busy = root.querySelector('[aria-busy="true"]');
    expect(busy?.textContent).toBe("PSA Connect");
    expect(maybeTestId("step-choose")).toBeNull();
    expect(callsOf(calls, "app_ready")).toHaveLength(0);
    answer([]);
    await settle();
    expect(byTestId("step-choose")).toBeTruthy();
    expect(root.querySelector('[aria-busy="true"]')).toBeNull();
  });

  it("draws step 1 in the very first frame from the answers the app put in the page, asking for nothing", async () => {
    const calls = installIpc(() => undefined);
    handAnswers([]);
    mount(<App />);
    // No promise has settled yet: what is on screen now is the window's first frame.
    expect(byTestId("step-choose")).toBeTruthy();
    expect(byTestId("integration-custom")).toBeTruthy();
    expect(document.querySelector('[aria-busy="true"]')).toBeNull();
    expect(callsOf(calls, "profiles_list")).toHaveLength(0);
    expect(callsOf(calls, "templates_list")).toHaveLength(0);
    await frames(3);
  });

  it("draws the home screen in the very first frame when the answers hold saved connections", async () => {
    const calls = installIpc(() => undefined);
    handAnswers([savedProfile("p1", "Contoso")]);
    const root = mount(<App />);
    expect(byTestId("home-screen")).toBeTruthy();
    expect(root.textContent).toContain("Contoso");
    expect(callsOf(calls, "profiles_list")).toHaveLength(0);
    // Its report reaches this test's app, not the next one's.
    await frames(3);
  });

  it("marks the first screen interactive when it is put in the page, and reports it two frames later", async () => {
    const calls = installIpc(() => undefined);
    handAnswers([]);
    // A plain render, as main.tsx does (the test helpers' act() would run every effect at once): effects
    // wait for a frame, layout effects do not, and the mark must not wait for a frame.
    const container = document.body.appendChild(document.createElement("div"));
    try {
      render(<App />, container);
      expect(firstScreenShown()).toBe(true);
      expect(callsOf(calls, "app_ready")).toHaveLength(0);
      await frames(2);
      await settle();
      expect(callsOf(calls, "app_ready")).toHaveLength(1);
      // The first screen keeps focus where the page put it: no ring around the heading before anyone touched it.
      expect(document.activeElement?.tagName).not.toBe("H1");
    } finally {
      render(null, container);
      container.remove();
    }
  });

  it("with start-up answers, reports by navigating to the address they name, not by a command", async () => {
    const calls = installIpc(() => undefined);
    handAnswers([], {
      app: appFacts("https://webservices2.autotask.net", false),
      pack: {},
      handoff: null,
      readyUrl: "psa-connect-ready://interactive",
    });
    const assign = vi.spyOn(window.location, "assign").mockImplementation(() => undefined);
    const container = document.body.appendChild(document.createElement("div"));
    try {
      render(<App />, container);
      await frames(2);
      await settle();
      expect(assign).toHaveBeenCalledTimes(1);
      const url = new URL(String(assign.mock.calls[0][0]));
      expect(url.protocol).toBe("psa-connect-ready:");
      expect(Number(url.searchParams.get("ui_ms"))).toBeGreaterThan(0);
      // No command at all before a click: not the report, not the hand-off the app was started with.
      expect(calls.map((c) => c.cmd)).toEqual([]);
    } finally {
      render(null, container);
      container.remove();
    }
  });

  it("puts the vendor pack's note and the demo badge in the first frame, and draws nothing again after it", async () => {
    const calls = installIpc(() => undefined);
    handAnswers([], {
      app: appFacts("http://127.0.0.1:9/zones", true),
      pack: { pack: { vendor: "Acme", file: "acme.json", templates: [], suppliesIdentifiersFor: [] } },
      handoff: null,
    });
    const container = document.body.appendChild(document.createElement("div"));
    try {
      // A plain render, as main.tsx does: what is in the page before any effect ran is the first frame.
      render(<App />, container);
      expect(byTestId("pack-vendor").textContent).toBe("Acme");
      expect(byTestId("demo-banner").textContent).toContain("http://127.0.0.1:9/zones");
      // A note arriving a frame later would move the choices under the partner's pointer, and lay out and
      // paint step 1 a second time before it could report itself interactive.
      const changes: MutationRecord[] = [];
      const watch = new MutationObserver((records) => changes.push(...records));
      watch.observe(container, { subtree: true, childList: true, characterData: true, attributes: true });
      await frames(3);
      await settle();
      watch.disconnect();
      expect(changes).toEqual([]);
      expect(callsOf(calls, "pack_status")).toHaveLength(0);
      expect(callsOf(calls, "app_info")).toHaveLength(0);
    } finally {
      render(null, container);
      container.remove();
    }
  });

  it("says why the saved connections are missing when the app moved a damaged file aside at start", async () => {
    // The app's own request then finds no file: an empty list, and without this answer, no word of why.
    installIpc((cmd) => (cmd === "profiles_list" ? [] : undefined));
    const damaged = psaError(
      "profile_store_corrupt",
      "The saved profiles could not be read, so PSA Connect kept the damaged file as /data/profiles.json.corrupt-1.",
      "To recover the old profiles, send that file to support.",
    );
    handAnswers(null as unknown as unknown[], { profilesError: damaged });
    mount(<App />);
    await settle();
    expect(byTestId("step-choose")).toBeTruthy();
    expect(byTestId("profiles-error-title").textContent).toContain("/data/profiles.json.corrupt-1");
    expect(byTestId("profiles-error-advice").textContent).toContain("send that file to support");
    click("profiles-error-dismiss");
    await settle();
    expect(maybeTestId("profiles-error")).toBeNull();
  });

  it("drops a passing problem with the list once the list is read after all", async () => {
    // The profile file was locked at start (another PSA Connect migrating it): the page's own request works.
    installIpc((cmd) => (cmd === "profiles_list" ? [] : undefined));
    handAnswers(null as unknown as unknown[], { profilesError: psaError("profile_store_locked", "locked", "wait") });
    mount(<App />);
    await settle();
    expect(byTestId("step-choose")).toBeTruthy();
    expect(maybeTestId("profiles-error")).toBeNull();
  });

  it("says why when the saved connections cannot be read at all, instead of opening an empty wizard", async () => {
    const newer = psaError("profile_store_newer", "written by a newer version", "Update PSA Connect.");
    installIpc((cmd) => {
      if (cmd === "profiles_list") throw newer;
      return undefined;
    });
    mount(<App />);
    await settle();
    expect(byTestId("step-choose")).toBeTruthy();
    expect(byTestId("profiles-error").dataset.code).toBe("profile_store_newer");
    expect(byTestId("profiles-error-advice").textContent).toContain("Update PSA Connect.");
  });

  it("tells the app once, after the first screen has been painted, and with the page's clock", async () => {
    const calls = installIpc((cmd) => (cmd === "profiles_list" ? [] : undefined));
    mount(<App />);
    await settle();
    expect(byTestId("integration-custom")).toBeTruthy();
    await frames(3);
    await settle();
    const ready = callsOf(calls, "app_ready");
    expect(ready).toHaveLength(1);
    expect(typeof ready[0].args.uiMs).toBe("number");
    expect(ready[0].args.uiMs as number).toBeGreaterThan(0);
    // Later screens (the home screen after a save, a second wizard run) don't report again.
    markInteractive();
    await frames(3);
    await settle();
    expect(callsOf(calls, "app_ready")).toHaveLength(1);
  });
});
