import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "./App";
import { markInteractive } from "./startup";
import { byTestId, maybeTestId, mount, settle, unmount } from "./test/helpers";
import { callsOf, installIpc } from "./test/ipcMock";

afterEach(() => {
  unmount();
  clearMocks();
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
