import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { CODE, USERNAME, VENDOR_TEMPLATE, stateAt } from "../../test/fixtures";
import { ZONE, byTestId, click, deferred, maybeTestId, mount, settle, typeInto, unmount } from "../../test/helpers";
import { callsOf, installIpc, psaError } from "../../test/ipcMock";
import { BINOX_MSP } from "../../test/templates";
import { Wizard } from "../Wizard";

afterEach(() => {
  unmount();
  clearMocks();
});

const SECRET = "s3cr3t-Zq9!x";

describe("Secret step", () => {
  it("masks the secret and shows it only on request", async () => {
    installIpc(() => undefined);
    mount(<Wizard initial={stateAt("secret")} />);
    await settle();
    const input = byTestId<HTMLInputElement>("input-secret");
    expect(input.type).toBe("password");
    click("btn-toggle-secret");
    expect(byTestId<HTMLInputElement>("input-secret").type).toBe("text");
    expect(byTestId("btn-toggle-secret").getAttribute("aria-pressed")).toBe("true");
    click("btn-toggle-secret");
    expect(byTestId<HTMLInputElement>("input-secret").type).toBe("password");
  });

  it("sends the secret once, then keeps it neither in state nor in the page", async () => {
    const pending = deferred<null>();
    const calls = installIpc((cmd) => {
      if (cmd === "autotask_set_credentials") return pending.promise;
      if (cmd === "autotask_detect_zone") return new Promise(() => undefined);
      return undefined;
    });
    mount(<Wizard initial={{ ...stateAt("secret"), integrationCode: "" }} />);
    await settle();
    expect(byTestId("input-integration-code")).toBeTruthy(); // Custom asks for its identifier
    typeInto("input-integration-code", `  ${CODE} `);
    typeInto("input-secret", SECRET);
    click("btn-next");
    click("btn-next"); // a second press while the first is in flight must not send it again
    await settle();
    pending.resolve(null);
    await settle();

    const sent = callsOf(calls, "autotask_set_credentials");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.args).toEqual({ credentials: { username: USERNAME, integrationCode: CODE, secret: SECRET } });
    // on to the zone step, and the secret is nowhere in the page
    expect(maybeTestId("step-zone")).not.toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);
    click("btn-back");
    expect(byTestId("secret-stored").textContent).toMatch(/Secret stored for this session/);
    expect(maybeTestId("input-secret")).toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);
    // the only other command with credentials in it was the one call above
    expect(JSON.stringify(calls.filter((c) => c.cmd !== "autotask_set_credentials"))).not.toContain(SECRET);
  });

  it("Replace secret asks for a new one", async () => {
    installIpc(() => undefined);
    mount(<Wizard initial={stateAt("zone")} />);
    await settle();
    // stateAt("zone") has credentials stored; go back to the secret step
    click("btn-back");
    click("btn-replace-secret");
    expect(byTestId<HTMLInputElement>("input-secret").value).toBe("");
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);
  });

  it("asks for no identifier when the template has its own, and sends the template's", async () => {
    const calls = installIpc((cmd) => (cmd === "autotask_set_credentials" ? null : cmd === "autotask_detect_zone" ? ZONE : undefined));
    mount(<Wizard initial={stateAt("secret", VENDOR_TEMPLATE)} />);
    await settle();
    expect(maybeTestId("input-integration-code")).toBeNull();
    typeInto("input-secret", SECRET);
    click("btn-next");
    await settle();
    expect(callsOf(calls, "autotask_set_credentials")[0]?.args).toEqual({
      credentials: { username: USERNAME, integrationCode: "VENDORCODE", secret: SECRET },
    });
  });

  it("shows a refusal in plain words and drops the secret it refused", async () => {
    installIpc((cmd) => {
      if (cmd === "autotask_set_credentials") throw psaError("invalid_input", "The secret is empty.", "Paste the secret.");
      return undefined;
    });
    mount(<Wizard initial={{ ...stateAt("secret"), integrationCode: CODE }} />);
    await settle();
    typeInto("input-secret", SECRET);
    click("btn-next");
    await settle();
    expect(byTestId("error-panel-title").textContent).toBe("The secret is empty.");
    expect(byTestId<HTMLInputElement>("input-secret").value).toBe("");
    expect(maybeTestId("step-secret")).not.toBeNull();
  });

  it("never asks for a vendor's code: without its pack or setup link it explains how to get one and stops", async () => {
    const calls = installIpc(() => undefined);
    mount(<Wizard initial={{ ...stateAt("secret", BINOX_MSP), integrationCode: "" }} />);
    await settle();
    expect(maybeTestId("input-integration-code")).toBeNull();
    expect(maybeTestId("input-secret")).toBeNull();
    const panel = byTestId("vendor-identifier-needed").textContent ?? "";
    expect(panel).toMatch(/Binox's setup link or PSA Connect pack is needed/);
    expect(panel).toMatch(/Ask Binox's support/);
    expect(panel).toMatch(/\.psapack\.toml/);
    expect(byTestId("step-secret").textContent).not.toMatch(/Integration code \(from the vendor\)/);
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(true);
    // The connection test cannot be reached around it.
    expect(byTestId("rail-check").querySelector("button")).toBeNull();
    expect(byTestId("rail-zone").querySelector("button")).toBeNull();
    expect(callsOf(calls, "autotask_set_credentials")).toHaveLength(0);
  });

  it("with the vendor's code from a setup link, the secret is the only thing typed here", async () => {
    const calls = installIpc((cmd) => (cmd === "autotask_set_credentials" ? null : cmd === "autotask_detect_zone" ? ZONE : undefined));
    mount(<Wizard initial={{ ...stateAt("secret", BINOX_MSP), integrationCode: "", suppliedCode: CODE }} />);
    await settle();
    expect(maybeTestId("input-integration-code")).toBeNull();
    expect(byTestId("vendor-identifier-supplied").textContent).toMatch(/setup details you were sent/);
    expect(document.querySelectorAll("input:not([type=radio]):not([type=checkbox])")).toHaveLength(1);
    typeInto("input-secret", SECRET);
    click("btn-next");
    await settle();
    expect(callsOf(calls, "autotask_set_credentials")[0]?.args).toEqual({
      credentials: { username: USERNAME, integrationCode: CODE, secret: SECRET },
    });
  });

  it("explains Custom's identifier as the one Autotask generated", async () => {
    installIpc(() => undefined);
    mount(<Wizard initial={{ ...stateAt("secret"), integrationCode: "" }} />);
    await settle();
    expect(byTestId("integration-code-message").textContent).toMatch(/Custom \(Internal Integration\)/);
    expect(byTestId("integration-code-message").textContent).toMatch(/27-character/);
  });
});
