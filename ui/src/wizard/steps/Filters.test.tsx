import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Preview } from "../../bindings.gen";
import { stateAt } from "../../test/fixtures";
import { HELPDESK_BUTTONS } from "../../test/templates";
import { advance, byTestId, click, deferred, maybeTestId, mount, settle, unmount } from "../../test/helpers";
import { callsOf, installIpc, psaError } from "../../test/ipcMock";
import { Wizard } from "../Wizard";
import { PREVIEW_DEBOUNCE_MS } from "./Filters";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});

afterEach(() => {
  unmount();
  clearMocks();
  vi.useRealTimers();
});

const PREVIEW: Preview = { companies: 42, contacts: 310, sample: ["Acme Ltd", "Blue Sky Group"], contactsLowerBound: false };

describe("Filters step", () => {
  it("lists the picklists, inactive values last and marked, empty ones noted", async () => {
    installIpc((cmd) => (cmd === "connection_preview" ? PREVIEW : undefined));
    mount(<Wizard initial={stateAt("filters")} />);
    await settle();
    const labels = [...byTestId("picklist-companyTypes").querySelectorAll("label")].map((l) => l.textContent);
    expect(labels).toEqual(["Customer", "Prospect", "Dead lead (inactive)"]);
    expect(byTestId("picklist-markets-empty").textContent).toMatch(/None set up in your Autotask/);
    expect(maybeTestId("picklist-companyCategories")).toBeNull(); // optional and empty: left out
    expect(maybeTestId("picklist-territories")).not.toBeNull();
  });

  it("counts after the boxes stay still, with one request for a burst of changes", async () => {
    const calls = installIpc((cmd, args) => {
      if (cmd !== "connection_preview") return undefined;
      const types = (args.filters as { companyTypes: string[] }).companyTypes;
      return { ...PREVIEW, companies: 42 - types.length };
    });
    mount(<Wizard initial={stateAt("filters")} />);
    await settle();
    expect(callsOf(calls, "connection_preview")).toHaveLength(0);
    await advance(PREVIEW_DEBOUNCE_MS - 1);
    expect(callsOf(calls, "connection_preview")).toHaveLength(0);
    await advance(1);
    await settle();
    expect(callsOf(calls, "connection_preview")).toHaveLength(1);
    expect(byTestId("preview-count").textContent).toBe("These filters select 42 companies and 310 contacts.");
    expect(byTestId("preview-sample").textContent).toMatch(/Acme Ltd, Blue Sky Group/);

    click("filter-companyTypes-1");
    await advance(100);
    click("filter-companyTypes-2");
    await advance(PREVIEW_DEBOUNCE_MS - 1);
    expect(callsOf(calls, "connection_preview")).toHaveLength(1);
    await advance(1);
    await settle();
    const previews = callsOf(calls, "connection_preview");
    expect(previews).toHaveLength(2);
    expect(previews[1]?.args.filters).toMatchObject({ companyTypes: ["1", "2"], markets: [] });
    expect(byTestId("preview-companies").textContent).toBe("40 companies");
  });

  it("cancels a count still running when the boxes change, and ignores its late answer", async () => {
    const first = deferred<Preview>();
    let n = 0;
    const calls = installIpc((cmd) => {
      if (cmd !== "connection_preview") return undefined;
      n += 1;
      return n === 1 ? first.promise : { ...PREVIEW, companies: 7 };
    });
    mount(<Wizard initial={stateAt("filters")} />);
    await settle();
    await advance(PREVIEW_DEBOUNCE_MS);
    expect(byTestId("preview-counting")).toBeTruthy();
    click("filter-territories-5");
    await advance(PREVIEW_DEBOUNCE_MS);
    await settle();
    const [a, b] = callsOf(calls, "connection_preview");
    expect(callsOf(calls, "cancel_operation").map((c) => c.args.opId)).toContain(a?.args.opId);
    expect(b?.args.opId).not.toBe(a?.args.opId);
    expect(byTestId("preview-companies").textContent).toBe("7 companies");
    first.resolve({ ...PREVIEW, companies: 999 });
    await settle();
    expect(byTestId("preview-companies").textContent).toBe("7 companies");
  });

  it("shows a failed count as advice with a retry", async () => {
    let fail = true;
    installIpc((cmd) => {
      if (cmd !== "connection_preview") return undefined;
      if (fail) throw psaError("network_timeout");
      return PREVIEW;
    });
    mount(<Wizard initial={stateAt("filters")} />);
    await settle();
    await advance(PREVIEW_DEBOUNCE_MS);
    await settle();
    expect(byTestId("error-panel-title").textContent).toMatch(/took too long/);
    fail = false;
    click("btn-preview-retry");
    await advance(PREVIEW_DEBOUNCE_MS);
    await settle();
    expect(maybeTestId("error-panel")).toBeNull();
    expect(byTestId("preview-count").textContent).toMatch(/42 companies/);
  });

  it("says “at least” when the contact count is a lower bound", async () => {
    installIpc((cmd) => (cmd === "connection_preview" ? { ...PREVIEW, contacts: 5000, contactsLowerBound: true } : undefined));
    mount(<Wizard initial={stateAt("filters")} />);
    await settle();
    await advance(PREVIEW_DEBOUNCE_MS);
    await settle();
    expect(byTestId("preview-contacts").textContent).toBe(`at least ${(5000).toLocaleString()} contacts`);
    expect(byTestId("preview-contacts").dataset.lowerBound).toBe("true");
    expect(byTestId("preview-companies").textContent).toBe("42 companies");
  });

  it("gives an exact count without “at least” otherwise", async () => {
    installIpc((cmd) => (cmd === "connection_preview" ? PREVIEW : undefined));
    mount(<Wizard initial={stateAt("filters")} />);
    await settle();
    await advance(PREVIEW_DEBOUNCE_MS);
    await settle();
    expect(byTestId("preview-contacts").textContent).toBe("310 contacts");
  });

  it("hides the filters for an integration that has none, counts nothing, and lets Next through", async () => {
    const calls = installIpc((cmd) => (cmd === "connection_preview" ? PREVIEW : undefined));
    mount(<Wizard initial={stateAt("filters", HELPDESK_BUTTONS)} />);
    await settle();
    await advance(PREVIEW_DEBOUNCE_MS * 2);
    await settle();
    expect(byTestId("filters-not-applicable").textContent).toMatch(/Helpdesk Buttons doesn't use these filters/);
    expect(maybeTestId("picklist-companyTypes")).toBeNull();
    expect(maybeTestId("preview")).toBeNull();
    expect(callsOf(calls, "connection_preview")).toHaveLength(0);
    expect(byTestId<HTMLButtonElement>("btn-next").disabled).toBe(false);
    click("btn-next");
    expect(maybeTestId("step-summary")).not.toBeNull();
  });
});
