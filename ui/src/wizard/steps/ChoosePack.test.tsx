// Step 1 says whose vendor pack is in use, or why the one found was refused, and warns before the setup
// when a vendor template has no identifier supplied (issue 13).
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { byTestId, click, maybeTestId, mount, settle, unmount } from "../../test/helpers";
import { installIpc, psaError } from "../../test/ipcMock";
import { BINOX_MSP } from "../../test/templates";
import { usePackStatus } from "../../pack";
import { Wizard } from "../Wizard";

afterEach(() => {
  unmount();
  clearMocks();
});

describe("vendor pack on the first step", () => {
  it("names the vendor whose pack is in use", async () => {
    installIpc((cmd) =>
      cmd === "pack_status"
        ? { pack: { vendor: "Binox", file: "/opt/binox.psapack.toml", templates: [], suppliesIdentifiersFor: ["binox-msp"] } }
        : undefined,
    );
    mount(<Wizard />);
    await settle();
    expect(byTestId("pack-vendor").textContent).toBe("Binox");
    expect(byTestId("header-pack").textContent).toBe("Set up for Binox");
    expect(byTestId("pack-in-use").textContent).toMatch(/Binox's pack/);
    expect(maybeTestId("pack-error")).toBeNull();
  });

  it("shows why a pack was refused, and the built-in integrations stay available", async () => {
    installIpc((cmd) =>
      cmd === "pack_status"
        ? { error: psaError("pack_invalid", "The vendor pack x.psapack.toml was not used: line 3 holds an address.", "Fix it.") }
        : undefined,
    );
    mount(<Wizard />);
    await settle();
    expect(byTestId("pack-error").textContent).toMatch(/line 3 holds an address/);
    expect(maybeTestId("pack-in-use")).toBeNull();
    expect(maybeTestId("integration-custom")).not.toBeNull();
  });

  it("warns on choosing a vendor integration whose identifier nobody supplied, and not for Custom", async () => {
    installIpc(() => undefined);
    mount(<Wizard />);
    await settle();
    click("integration-custom");
    await settle();
    expect(maybeTestId("vendor-identifier-needed")).toBeNull();
    click(`integration-${BINOX_MSP.id}`);
    await settle();
    expect(byTestId("vendor-identifier-needed").textContent).toMatch(/Binox's setup link or PSA Connect pack/);
  });
});

describe("the pack note on a later run", () => {
  it("is there from the first frame, so the choices below it do not move", async () => {
    installIpc((cmd) => (cmd === "pack_status" ? { pack: { vendor: "Acme Sync", file: "/x/acme.psapack.toml" } } : undefined));
    // The first run asks; a later run (the next "New connection") already knows.
    mount(<PackProbe />);
    await settle();
    expect(byTestId("pack-probe").textContent).toBe("Acme Sync");
    unmount();
    mount(<PackProbe />);
    expect(byTestId("pack-probe").textContent).toBe("Acme Sync");
  });
});

function PackProbe() {
  return <span data-testid="pack-probe">{usePackStatus().pack?.vendor ?? ""}</span>;
}
