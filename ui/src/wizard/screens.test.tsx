import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { forgetInteractiveMark, markInteractive } from "../startup";
import { byTestId, maybeTestId, mount, settle, unmount } from "../test/helpers";
import { installIpc } from "../test/ipcMock";
import { forgetScreens, preloadOnFirstTouch, preloadScreens, screenLoaded } from "./screens";
import { initialState } from "./state";
import { Wizard } from "./Wizard";

afterEach(async () => {
  unmount();
  clearMocks();
  forgetInteractiveMark();
  await preloadScreens();
});

describe("steps loaded when first opened", () => {
  it("draws step 1 at once and fetches the other steps only when needed", async () => {
    installIpc(() => undefined);
    forgetScreens();
    expect(screenLoaded("autotask", "choose")).toBe(true);
    expect(screenLoaded("autotask", "secret")).toBe(false);
    mount(<Wizard templates={[]} />);
    expect(maybeTestId("step-choose")).not.toBeNull();
    expect(maybeTestId("step-loading")).toBeNull();
    await settle();
    expect(screenLoaded("autotask", "secret")).toBe(false);
  });

  it("shows the step area empty until a step's chunk is there, then focuses its heading", async () => {
    installIpc(() => undefined);
    // Not the first screen of the run: a step opened later takes focus on its heading.
    markInteractive();
    forgetScreens();
    mount(<Wizard initial={{ ...initialState(), step: "secret", templatesState: "failed" }} />);
    const placeholder = byTestId("step-loading");
    expect(placeholder.getAttribute("aria-busy")).toBe("true");
    // The rail is drawn beside it: nothing around the step moves when it arrives.
    expect(maybeTestId("rail-secret")).not.toBeNull();
    await settle();
    expect(maybeTestId("step-loading")).toBeNull();
    expect(maybeTestId("step-secret")).not.toBeNull();
    expect(document.activeElement?.id).toBe("heading-secret");
  });

  it("fetches every step on the first key or pointer press", async () => {
    installIpc(() => undefined);
    forgetScreens();
    mount(<Wizard templates={[]} />);
    preloadOnFirstTouch();
    expect(screenLoaded("connectwise", "zone")).toBe(false);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Tab" }));
    await settle();
    for (const step of ["apiUser", "username", "secret", "zone", "check", "filters", "summary", "vendor"] as const) {
      expect(screenLoaded("autotask", step), step).toBe(true);
      expect(screenLoaded("connectwise", step), step).toBe(true);
    }
  });
});
