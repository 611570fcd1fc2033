import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { USERNAME, stateAt } from "../../test/fixtures";
import { ZONE, byTestId, click, deferred, maybeTestId, mount, settle, typeInto, unmount } from "../../test/helpers";
import { callsOf, installIpc, psaError } from "../../test/ipcMock";
import { Wizard } from "../Wizard";

afterEach(() => {
  unmount();
  clearMocks();
});

describe("Zone step", () => {
  it("detects the zone with a visible spinner and shows its name and address", async () => {
    const answer = deferred<typeof ZONE>();
    const calls = installIpc((cmd) => (cmd === "autotask_detect_zone" ? answer.promise : undefined));
    mount(<Wizard initial={stateAt("zone")} />);
    await settle();
    expect(byTestId("zone-detecting").textContent).toMatch(/Asking Autotask/);
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);
    const [call] = callsOf(calls, "autotask_detect_zone");
    expect(call?.args.username).toBe(USERNAME);
    expect(typeof call?.args.opId).toBe("string");
    answer.resolve(ZONE);
    await settle();
    expect(maybeTestId("zone-detecting")).toBeNull();
    expect(byTestId("zone-name").textContent).toBe("America East 2");
    expect(byTestId("zone-web-url").textContent).toBe("https://ww14.autotask.net");
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(false);
  });

  it("cancels a detection with the operation's id", async () => {
    const calls = installIpc((cmd) => (cmd === "autotask_detect_zone" ? new Promise(() => undefined) : undefined));
    mount(<Wizard initial={stateAt("zone")} />);
    await settle();
    click("zone-detecting-cancel");
    await settle();
    const opId = callsOf(calls, "autotask_detect_zone")[0]?.args.opId;
    expect(callsOf(calls, "cancel_operation").map((c) => c.args)).toEqual([{ opId }]);
    expect(byTestId("zone-stopped").textContent).toMatch(/stopped/);
    expect(maybeTestId("btn-zone-detect")).not.toBeNull();
  });

  it("explains an unknown username in plain words and leads back to the username", async () => {
    installIpc((cmd) => {
      if (cmd === "autotask_detect_zone")
        throw psaError("zone_unknown_user", "Zone information could not be determined", "fix", "HTTP 500 from webservices2");
      return undefined;
    });
    mount(<Wizard initial={stateAt("zone")} />);
    await settle();
    const panel = byTestId("error-panel");
    expect(panel.textContent).toMatch(/doesn't know this username/);
    expect(panel.textContent).toMatch(/five minutes/);
    expect(panel.textContent).not.toMatch(/HTTP 500|zone_unknown_user/);
    click("btn-fix-username");
    expect(maybeTestId("step-username")).not.toBeNull();
    expect(byTestId<HTMLInputElement>("input-username").value).toBe(USERNAME);
  });

  it("takes a pasted browser address as a manual zone", async () => {
    const manual = { ...ZONE, zoneName: "UK2", webUrl: "https://ww16.autotask.net", source: "manual" as const };
    const calls = installIpc((cmd, args) => {
      if (cmd === "autotask_detect_zone") throw psaError("zone_lookup_failed");
      if (cmd === "autotask_parse_zone") {
        if (String(args.input).includes("ww16")) return manual;
        throw psaError("invalid_zone_override", "engine", "engine fix", "input: nonsense");
      }
      return undefined;
    });
    mount(<Wizard initial={stateAt("zone")} />);
    await settle();
    expect(maybeTestId("input-zone-override")).toBeNull();
    click("btn-zone-override");
    expect(byTestId("btn-zone-override").getAttribute("aria-expanded")).toBe("true");
    typeInto("input-zone-override", "nonsense");
    click("btn-zone-override-apply");
    await settle();
    expect(byTestId("zone-override-error").textContent).toMatch(/can't tell the zone/);
    typeInto("input-zone-override", "  https://ww16.autotask.net/Mvc/Framework/Navigation.mvc/Landing  ");
    click("btn-zone-override-apply");
    await settle();
    expect(callsOf(calls, "autotask_parse_zone").at(-1)?.args.input).toBe(
      "https://ww16.autotask.net/Mvc/Framework/Navigation.mvc/Landing",
    );
    expect(byTestId("zone-name").textContent).toBe("UK2");
    expect(byTestId("zone-result").dataset.source).toBe("manual");
    expect(maybeTestId("error-panel")).toBeNull();
    click("btn-next");
    await settle();
    expect(maybeTestId("step-check")).not.toBeNull();
  });

  it("does not detect again when the zone is already known for this username", async () => {
    const calls = installIpc((cmd) => (cmd === "connection_check" ? new Promise(() => undefined) : undefined));
    mount(<Wizard initial={{ ...stateAt("check"), step: "zone" }} />);
    await settle();
    expect(callsOf(calls, "autotask_detect_zone")).toHaveLength(0);
    expect(byTestId("zone-name").textContent).toBe("America East 2");
  });
});
