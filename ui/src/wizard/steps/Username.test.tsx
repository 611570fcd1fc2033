import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { USERNAME, stateAt } from "../../test/fixtures";
import { byTestId, click, maybeTestId, mount, settle, typeInto, unmount } from "../../test/helpers";
import { installIpc } from "../../test/ipcMock";
import { Wizard } from "../Wizard";

afterEach(() => {
  unmount();
  clearMocks();
});

async function open() {
  installIpc(() => undefined);
  mount(<Wizard initial={{ ...stateAt("username"), username: "" }} />);
  await settle();
}

describe("Username step", () => {
  it("focuses its heading when the partner arrives, and links the message to the field", async () => {
    await open();
    // Opened as the first screen of the run: focus stays where the page put it (no ring on the title).
    expect(document.activeElement).not.toBe(byTestId("step-username").querySelector("h1"));
    click("btn-back");
    await settle();
    click("btn-next");
    await settle();
    expect(document.activeElement).toBe(byTestId("step-username").querySelector("h1"));
    const input = byTestId<HTMLInputElement>("input-username");
    expect(input.getAttribute("aria-describedby")).toBe("username-help");
    expect(document.getElementById("username-help")).toBe(byTestId("username-message"));
    expect(document.querySelector("label[for=input-username]")?.textContent).toBe("Username");
  });

  it("checks the format while typing and only then enables Next", async () => {
    await open();
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);
    typeInto("input-username", "api-sync");
    expect(byTestId("username-message").textContent).toMatch(/no @ yet/);
    expect(byTestId("input-username").getAttribute("aria-invalid")).toBe("true");
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);
    typeInto("input-username", "api-sync@example");
    expect(byTestId("username-message").textContent).toMatch(/domain with a dot/);
    typeInto("input-username", USERNAME);
    expect(byTestId("username-message").dataset.valid).toBe("true");
    expect(byTestId("input-username").getAttribute("aria-invalid")).toBe("false");
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(false);
  });

  it("trims whitespace pasted around the username", async () => {
    await open();
    typeInto("input-username", `  ${USERNAME}\t\n`);
    expect(byTestId<HTMLInputElement>("input-username").value).toBe(USERNAME);
    click("btn-next");
    await settle();
    expect(maybeTestId("step-secret")).not.toBeNull();
  });

  it("goes Back to step 2 and returns with the username still there", async () => {
    await open();
    typeInto("input-username", USERNAME);
    click("btn-back");
    expect(maybeTestId("step-api-user")).not.toBeNull();
    click("btn-next");
    expect(byTestId<HTMLInputElement>("input-username").value).toBe(USERNAME);
  });
});
