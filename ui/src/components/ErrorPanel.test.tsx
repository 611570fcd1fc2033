import { afterEach, describe, expect, it } from "vitest";
import { byTestId, click, maybeTestId, mount, unmount } from "../test/helpers";
import { ErrorPanel } from "./ErrorPanel";
import { PsaContext } from "./psaContext";

afterEach(unmount);

describe("ErrorPanel", () => {
  it("says the plain sentence and keeps code and details hidden until asked", () => {
    mount(
      <ErrorPanel
        error={{ code: "network_dns", message: "dns error", fix: "f", details: "lookup webservices14.autotask.net: NXDOMAIN" }}
      />,
    );
    const panel = byTestId("error-panel");
    expect(panel.getAttribute("role")).toBe("alert");
    expect(byTestId("error-panel-title").textContent).toMatch(/couldn't find Autotask/);
    expect(panel.textContent).not.toMatch(/NXDOMAIN|network_dns/);
    expect(maybeTestId("error-panel-details")).toBeNull();
    const toggle = byTestId("error-panel-details-toggle");
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    click("error-panel-details-toggle");
    expect(byTestId("error-panel-details-toggle").getAttribute("aria-expanded")).toBe("true");
    expect(byTestId("error-panel-details").textContent).toMatch(/Code: network_dns/);
    expect(byTestId("error-panel-details").textContent).toMatch(/NXDOMAIN/);
    click("error-panel-details-toggle");
    expect(maybeTestId("error-panel-details")).toBeNull();
  });

  it("falls back to the engine's message and fix for codes it has no wording for", () => {
    mount(
      <ErrorPanel
        error={{
          code: "permission_denied",
          message: "The API user may not read Contacts.",
          fix: "Admin > Security Levels > CRM: give Contacts View access.",
        }}
      />,
    );
    expect(byTestId("error-panel-title").textContent).toBe("The API user may not read Contacts.");
    expect(byTestId("error-panel-advice").textContent).toBe("Admin > Security Levels > CRM: give Contacts View access.");
  });

  it("names ConnectWise in shared network texts, and uses the engine's words for Autotask-only codes", () => {
    mount(
      <PsaContext.Provider value="connectwise">
        <ErrorPanel error={{ code: "network_dns", message: "dns error", fix: "f" }} testId="net" />
        <ErrorPanel error={{ code: "auth_wrong_secret", message: "ConnectWise refused the keys.", fix: "Copy them again." }} testId="auth" />
      </PsaContext.Provider>,
    );
    expect(byTestId("net-title").textContent).toMatch(/couldn't find ConnectWise/);
    expect(byTestId("net").textContent).not.toMatch(/Autotask/);
    expect(byTestId("auth-title").textContent).toBe("ConnectWise refused the keys.");
  });
});
