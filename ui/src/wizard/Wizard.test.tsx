import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { CODE, USERNAME } from "../test/fixtures";
import {
  ZONE,
  byTestId,
  channelSender,
  click,
  item,
  mount,
  report,
  settle,
  typeInto,
  unmount,
} from "../test/helpers";
import { callsOf, installIpc } from "../test/ipcMock";
import { Wizard } from "./Wizard";

afterEach(() => {
  unmount();
  clearMocks();
});

const SECRET = "Wizard-Secret-8841";

const heading = () => document.activeElement as HTMLElement;

describe("the whole wizard", () => {
  it("goes from launch to the summary, focusing each step's heading, and never shows the secret", async () => {
    const calls = installIpc((cmd, args) => {
      switch (cmd) {
        case "app_info":
          return { version: "0.1.0", zoneLookupUrl: "http://127.0.0.1:8787", zoneLookupOverridden: true };
        case "autotask_set_credentials":
          return null;
        case "autotask_detect_zone":
          return ZONE;
        case "connection_check": {
          const ch = channelSender(args.onItem);
          ch.send(item("auth", "running"));
          ch.send(item("auth", "ok"));
          return report([item("auth", "ok")]);
        }
        case "connection_preview":
          return { companies: 3, contacts: 9, sample: ["Acme Ltd"], contactsLowerBound: false };
        default:
          return undefined;
      }
    });
    mount(<Wizard />);
    await settle();
    expect(byTestId("demo-banner").textContent).toMatch(/127\.0\.0\.1:8787/);
    expect(byTestId("rail-choose").dataset.state).toBe("current");
    expect(byTestId("rail-zone").dataset.state).toBe("locked");

    click("integration-custom");
    await settle();
    click("btn-next");
    expect(heading().id).toBe("heading-apiUser");
    click("btn-next");
    expect(heading().id).toBe("heading-username");
    typeInto("input-username", USERNAME);
    click("btn-next");
    expect(heading().id).toBe("heading-secret");
    typeInto("input-integration-code", CODE);
    typeInto("input-secret", SECRET);
    click("btn-next");
    await settle();
    expect(heading().id).toBe("heading-zone");
    expect(byTestId("zone-name").textContent).toBe(ZONE.zoneName);
    click("btn-next");
    await settle();
    expect(heading().id).toBe("heading-check");
    expect(byTestId("check-item-auth").dataset.status).toBe("ok");
    click("btn-next");
    await settle();
    expect(heading().id).toBe("heading-filters");
    click("filter-companyTypes-1");
    await new Promise((r) => setTimeout(r, 350)); // past the debounce, with real timers
    await settle();
    expect(byTestId("preview-count").textContent).toMatch(/3 companies and 9 contacts/);
    click("btn-next");
    expect(heading().id).toBe("heading-summary");

    expect(byTestId("summary-username").textContent).toBe(USERNAME);
    expect(byTestId("summary-integration-code").textContent).toBe(CODE);
    expect(byTestId("summary-zone").textContent).toMatch(/ww14/);
    expect(byTestId("summary-check").textContent).toBe("Passed");
    expect(byTestId("summary-filters").textContent).toMatch(/Company types: Customer/);
    expect(byTestId("summary-secret").textContent).toMatch(/not shown/);
    expect(byTestId("btn-next").textContent).toMatch(/enter it in/i);
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(byTestId("rail-check").dataset.state).toBe("done");

    // the secret crossed the bridge exactly once
    const withSecret = calls.filter((c) => JSON.stringify(c.args).includes(SECRET));
    expect(withSecret.map((c) => c.cmd)).toEqual(["autotask_set_credentials"]);
    expect(callsOf(calls, "connection_check")[0]?.args.templateId).toBe("custom");

    // the rail goes back to any finished step
    const railButton = byTestId("rail-username").querySelector("button") as HTMLButtonElement;
    railButton.click();
    await settle();
    expect(heading().id).toBe("heading-username");
  });
});
