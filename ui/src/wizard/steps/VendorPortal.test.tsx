import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { PortalCopied, PortalFacts, PortalValue, PortalView, Psa, Template } from "../../bindings.gen";
import { SaveContext } from "../../profiles/context";
import { USERNAME, stateAt } from "../../test/fixtures";
import { byTestId, click, maybeTestId, mount, settle, unmount } from "../../test/helpers";
import { callsOf, installIpc, psaError } from "../../test/ipcMock";
import { BINOX_MSP, CUSTOM, HELPDESK_BUTTONS, INFINIGATE, LIFECYCLE_INSIGHTS, SYNC365 } from "../../test/templates";
import { Wizard } from "../Wizard";
import { stepTitle } from "../state";
import { clearAfterText } from "./VendorPortal";

afterEach(() => {
  unmount();
  clearMocks();
});

const SECRET = "Sup3r-Secret!x";
const PLACEHOLDER = "•••• (copied from the keychain or this session, never shown)";

/** What the session holds in these tests (Rust makes the facts from the session, never from the page). */
const sessionFacts = (psa: Psa): PortalFacts => ({
  username: USERNAME,
  apiUrl: "",
  webUrl: "",
  companyId: psa === "connectwise" ? "contoso" : "",
  site: "",
});

/** What `portal_view` answers, worked out the way psa_core::portal does for the test zone (ww14). */
function fakeView(t: Template, psa: Psa, facts: PortalFacts): PortalView {
  const plan = psa === "connectwise" ? t.portal!.connectwise! : t.portal!.autotask!;
  const plain: Partial<Record<PortalValue, string>> = {
    username: facts.username,
    public_key: facts.username,
    zone_webservices: "webservices14",
    endpoint_host: "webservices14.autotask.net",
    company_id: facts.companyId,
    api_host: "api-aus.myconnectwise.net",
  };
  const secretValues: PortalValue[] = ["secret", "private_key", "key_user_colon_secret"];
  return {
    templateId: t.id,
    vendor: t.vendor,
    psa,
    portal: plan.portal,
    menuPath: plan.menuPath,
    lines: plan.items.map((i, n) => ({
      position: n + 1,
      label: i.label,
      ...(i.value ? { value: i.value } : {}),
      ...(i.value
        ? {
            display:
              i.value === "key_user_colon_secret"
                ? `${facts.username}:${PLACEHOLDER}`
                : secretValues.includes(i.value)
                  ? PLACEHOLDER
                  : plain[i.value]!,
          }
        : {}),
      secret: !!i.value && secretValues.includes(i.value),
      ...(i.note ? { note: i.note } : {}),
    })),
    ...(plan.success ? { success: plan.success } : {}),
    later: plan.later,
    clearAfterSecs: 30,
  };
}

function portalIpc(t: Template, psa: Psa = "autotask") {
  return installIpc((cmd, args) => {
    if (cmd === "portal_view") return fakeView(t, psa, sessionFacts(psa));
    if (cmd === "portal_copy") {
      const value = args.value as PortalValue;
      const copied: PortalCopied = {
        value,
        secret: ["secret", "private_key", "key_user_colon_secret"].includes(value),
        clearsAfterSecs: 30,
      };
      return { ...copied, clearsAfterSecs: copied.secret ? 30 : 0 };
    }
    return undefined;
  });
}

const labels = () => [...byTestId("portal-form").querySelectorAll(".portal-label")].map((l) => l.textContent);

describe("the vendor's portal step", () => {
  it("names the step after the vendor", () => {
    expect(stepTitle("vendor", "autotask", "Binox")).toBe("Enter it in Binox");
    expect(stepTitle("vendor", "autotask")).toBe("Enter it in the vendor's portal");
  });

  it("Binox: gear > Connectors, username, Next, password, and the words it shows on success", async () => {
    portalIpc(BINOX_MSP);
    mount(<Wizard initial={stateAt("vendor", BINOX_MSP)} />);
    await settle();
    expect(byTestId("step-heading").textContent).toBe("Enter it in Binox");
    expect(byTestId("portal-menu-path").textContent).toBe("gear icon (top right) > Connectors");
    const l = labels();
    expect(l.indexOf("Username")).toBeLessThan(l.indexOf("Next"));
    expect(l.indexOf("Next")).toBeLessThan(l.indexOf("Password"));
    expect(byTestId("portal-value-username").textContent).toBe(USERNAME);
    expect(byTestId("portal-value-secret").textContent).toBe(PLACEHOLDER);
    expect(byTestId("portal-success").textContent).toBe("When it works, Binox shows “Connect Successful”.");
    expect(byTestId("portal-later").textContent).toMatch(/Company Types, Statuses, Markets, Territories, Contact Statuses/);
  });

  it("copies through Rust, never sees the secret, and says when the clipboard is cleared", async () => {
    const calls = portalIpc(BINOX_MSP);
    mount(<Wizard initial={stateAt("vendor", BINOX_MSP)} />);
    await settle();
    expect(byTestId("portal-clear-note").textContent).toContain(clearAfterText(30));
    expect(byTestId("portal-clear-note").textContent).toMatch(/30 seconds.*unless you have copied something else/);
    click("btn-copy-secret");
    await settle();
    const copy = callsOf(calls, "portal_copy")[0]!;
    expect(copy.args).toMatchObject({ templateId: "binox-msp", value: "secret" });
    expect(byTestId("portal-copied").textContent).toMatch(/takes it off the clipboard in 30 seconds/);
    click("btn-copy-username");
    await settle();
    expect(byTestId("portal-copied").textContent).toBe("Copied “Username”. Paste it into the vendor's form.");
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(JSON.stringify(calls)).not.toContain(SECRET);
  });

  it("Sync 365 for Autotask: the zone typed as webservicesN", async () => {
    portalIpc(SYNC365);
    mount(<Wizard initial={stateAt("vendor", SYNC365)} />);
    await settle();
    expect(byTestId("portal-value-zone_webservices").textContent).toBe("webservices14");
    expect(labels()).toEqual([
      "+ next to PSA Tools",
      "PSA Type: Autotask",
      "Zone",
      "Username",
      "Secret",
      "Test and Save Credentials",
    ]);
    expect(maybeTestId("portal-success")).toBeNull(); // the guide quotes no message
  });

  it("Sync 365 for ConnectWise: company ID, the api- host, public and private key, Test and Save", async () => {
    portalIpc(SYNC365, "connectwise");
    const s = stateAt("vendor", SYNC365);
    mount(<Wizard initial={{ ...s, psa: "connectwise", companyId: "contoso", cwSite: "aus" }} />);
    await settle();
    expect(labels()).toEqual([
      "+ next to PSA Tools",
      "PSA Type: Connectwise",
      "Company ID",
      "Connectwise URL",
      "Public key",
      "Private key",
      "Test and Save",
    ]);
    expect(byTestId("portal-value-company_id").textContent).toBe("contoso");
    expect(byTestId("portal-value-api_host").textContent).toBe("api-aus.myconnectwise.net");
    expect(byTestId("portal-value-private_key").textContent).toBe(PLACEHOLDER);
  });

  it("Helpdesk Buttons: the bare endpoint host and the username:password key", async () => {
    portalIpc(HELPDESK_BUTTONS);
    mount(<Wizard initial={stateAt("vendor", HELPDESK_BUTTONS)} />);
    await settle();
    expect(byTestId("portal-value-endpoint_host").textContent).toBe("webservices14.autotask.net");
    expect(byTestId("portal-value-endpoint_host").textContent).not.toMatch(/https:\/\//);
    expect(byTestId("portal-value-key_user_colon_secret").textContent).toBe(`${USERNAME}:${PLACEHOLDER}`);
    expect(byTestId("portal-form").textContent).toMatch(/username@domain:secret/);
  });

  it("Lifecycle Insights: Administration > Integrations > Autotask, Test Settings, then Save Settings", async () => {
    portalIpc(LIFECYCLE_INSIGHTS);
    mount(<Wizard initial={stateAt("vendor", LIFECYCLE_INSIGHTS)} />);
    await settle();
    expect(byTestId("portal-menu-path").textContent).toBe("Administration > Integrations > Autotask");
    expect(labels().at(-1)).toBe("Test Settings");
    expect(byTestId("portal-success").textContent).toMatch(/“Connection Successful”/);
    expect(byTestId("portal-later").textContent).toMatch(/Save Settings/);
  });

  it("Infinigate: UX1 > Infinigate Integrations, the chosen settings, and the guide's later steps", async () => {
    portalIpc(INFINIGATE);
    const s = { ...stateAt("vendor", INFINIGATE), settings: { price_source: "marketplace" } };
    mount(<Wizard initial={s} />);
    await settle();
    expect(byTestId("portal-menu-path").textContent).toBe("UX1 > Infinigate Integrations > AutoTask PSA Integration");
    expect(byTestId("portal-setting-price_source").textContent).toBe("Reseller Marketplace");
    const later = byTestId("portal-later").textContent!;
    expect(later).toMatch(/Import Customers/);
    expect(later).toMatch(/Mapping/);
    expect(later).toMatch(/Check Changes.*Sync Changes.*Sync All/);
    expect(later).toMatch(/same billing cycle.*same currency/);
  });

  it("Custom has no vendor form and says so", async () => {
    const calls = portalIpc(CUSTOM);
    mount(<Wizard initial={stateAt("vendor", CUSTOM)} />);
    await settle();
    expect(byTestId("portal-none").textContent).toMatch(/no vendor portal form/);
    expect(callsOf(calls, "portal_view")).toHaveLength(0);
  });

  it("explains a secret that is no longer held, and Done goes back to the saved connections", async () => {
    installIpc((cmd) => {
      if (cmd === "portal_view") return fakeView(BINOX_MSP, "autotask", sessionFacts("autotask"));
      if (cmd === "portal_copy") throw psaError("secret_not_held", "not held", "enter it again");
      return undefined;
    });
    let finished = 0;
    mount(
      <SaveContext.Provider value={{ onSaved: () => undefined, onFinished: () => finished++ }}>
        <Wizard initial={{ ...stateAt("vendor", BINOX_MSP), savedAs: "Contoso" }} />
      </SaveContext.Provider>,
    );
    await settle();
    expect(byTestId("vendor-saved").textContent).toMatch(/Saved as “Contoso”/);
    click("btn-copy-secret");
    await settle();
    expect(byTestId("portal-copy-error-title").textContent).toMatch(/doesn't have the secret/);
    click("btn-next");
    expect(finished).toBe(1);
  });

  it("names only the template and the value: the login, zone and secret are the session's", async () => {
    const calls = portalIpc(BINOX_MSP);
    mount(<Wizard initial={stateAt("vendor", BINOX_MSP)} />);
    await settle();
    click("btn-copy-username");
    await settle();
    expect(Object.keys(callsOf(calls, "portal_view")[0]!.args).sort()).toEqual(["templateId"]);
    expect(Object.keys(callsOf(calls, "portal_copy")[0]!.args).sort()).toEqual(["templateId", "value"]);
    expect(JSON.stringify(calls)).not.toMatch(/https?:\/\//);
  });
});
