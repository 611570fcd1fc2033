import { describe, expect, it } from "vitest";
import { ZONE, item, report } from "../test/helpers";
import { CODE, USERNAME, VENDOR_TEMPLATE, run, stateAt } from "../test/fixtures";
import { CUSTOM, TEMPLATE_SUMMARIES } from "../test/templates";
import {
  STEPS,
  canGoNext,
  checkPassed,
  credentialsCurrent,
  effectiveIntegrationCode,
  initialState,
  isComplete,
  isReachable,
  reducer,
  reportCurrent,
  zoneCurrent,
} from "./state";

describe("starting out", () => {
  it("opens on the first step with nothing reachable beyond it", () => {
    const s = initialState();
    expect(s.step).toBe("choose");
    expect(isReachable(s, "choose")).toBe(true);
    for (const step of STEPS.slice(1)) expect(isReachable(s, step.id)).toBe(false);
    expect(canGoNext(s)).toBe(false);
    expect(reducer(s, { type: "next" }).step).toBe("choose");
  });

  it("needs the template's details, not just its id, before step 1 is done", () => {
    const chosen = run(initialState(), { type: "chooseTemplate", id: "custom" });
    expect(isComplete(chosen, "choose")).toBe(false);
    const loaded = run(chosen, { type: "templateLoaded", template: CUSTOM });
    expect(isComplete(loaded, "choose")).toBe(true);
    expect(loaded.checklist).toHaveLength(CUSTOM.autotask?.steps.length ?? -1);
    expect(loaded.checklist.every((c) => c === false)).toBe(true);
  });

  it("ignores a template answer that arrives after the partner chose another one", () => {
    const s = run(initialState(), { type: "chooseTemplate", id: "binox" }, { type: "chooseTemplate", id: "custom" });
    const late = reducer(s, { type: "templateLoaded", template: VENDOR_TEMPLATE });
    expect(late.template).toBeNull();
    expect(isComplete(late, "choose")).toBe(false);
  });

  it("keeps ConnectWise from completing step 1 while it is not offered", () => {
    const s = run(stateAt("choose"), { type: "choosePsa", psa: "connectwise" });
    expect(isComplete(s, "choose")).toBe(false);
  });

  it("records the template list, or that it failed", () => {
    expect(reducer(initialState(), { type: "templatesFailed" }).templatesState).toBe("failed");
    const ok = reducer(initialState(), { type: "templatesLoaded", templates: TEMPLATE_SUMMARIES });
    expect(ok.templatesState).toBe("ready");
    expect(ok.templates.map((t) => t.id)).toContain("custom");
  });
});

describe("moving between steps", () => {
  it("walks forward only through finished steps", () => {
    let s = stateAt("choose");
    s = reducer(s, { type: "next" });
    expect(s.step).toBe("apiUser");
    s = reducer(s, { type: "next" }); // step 2 is information only
    expect(s.step).toBe("username");
    s = reducer(s, { type: "next" });
    expect(s.step).toBe("username"); // no username yet
    s = run(s, { type: "setUsername", value: USERNAME }, { type: "next" });
    expect(s.step).toBe("secret");
    s = reducer(s, { type: "next" });
    expect(s.step).toBe("secret"); // nothing stored yet
  });

  it("Back keeps everything that was typed", () => {
    const s = run(stateAt("secret"), { type: "setIntegrationCode", value: CODE }, { type: "back" });
    expect(s.step).toBe("username");
    expect(s.username).toBe(USERNAME);
    const back2 = run(s, { type: "back" }, { type: "back" });
    expect(back2.step).toBe("choose");
    expect(back2.templateId).toBe("custom");
    expect(back2.integrationCode).toBe(CODE);
    expect(reducer(back2, { type: "back" }).step).toBe("choose");
    // and forward again without retyping
    expect(run(back2, { type: "next" }, { type: "next" }, { type: "next" }).step).toBe("secret");
  });

  it("jumps only to reachable steps", () => {
    const s = stateAt("username");
    expect(reducer(s, { type: "goTo", step: "zone" }).step).toBe("username");
    expect(reducer(s, { type: "goTo", step: "choose" }).step).toBe("choose");
    const done = stateAt("summary");
    for (const step of STEPS) expect(reducer(done, { type: "goTo", step: step.id }).step).toBe(step.id);
  });

  it("goes from the summary to the vendor's portal step, saved or not, and has nothing after it", () => {
    const s = stateAt("summary");
    expect(canGoNext(s)).toBe(true);
    expect(reducer(s, { type: "next" }).step).toBe("vendor");
    const saved = reducer(s, { type: "saved", name: "Contoso" });
    expect(saved.step).toBe("vendor");
    expect(saved.savedAs).toBe("Contoso");
    expect(canGoNext(saved)).toBe(false);
    expect(reducer(saved, { type: "next" }).step).toBe("vendor");
  });

  it("ticks and unticks checklist lines, and ignores lines that do not exist", () => {
    let s = run(stateAt("apiUser"), { type: "toggleChecklist", index: 1 });
    expect(s.checklist[1]).toBe(true);
    s = reducer(s, { type: "toggleChecklist", index: 1 });
    expect(s.checklist[1]).toBe(false);
    expect(reducer(s, { type: "toggleChecklist", index: 99 })).toBe(s);
  });
});

describe("the secret", () => {
  it("is never part of the state, only the fact it was stored", () => {
    const s = stateAt("zone");
    expect(credentialsCurrent(s)).toBe(true);
    expect(JSON.stringify(s)).not.toMatch(/secret"\s*:/);
    expect(Object.keys(s.credentials ?? {})).toEqual(["username", "integrationCode"]);
  });

  it("must be entered again when the username changes", () => {
    const s = run(stateAt("zone"), { type: "setUsername", value: "other@example.com" });
    expect(credentialsCurrent(s)).toBe(false);
    expect(isComplete(s, "secret")).toBe(false);
    expect(isReachable(s, "zone")).toBe(false);
    expect(isReachable(s, "secret")).toBe(true);
  });

  it("stays valid when only whitespace around the username changed", () => {
    const s = run(stateAt("check"), { type: "setUsername", value: `  ${USERNAME}\n` });
    expect(credentialsCurrent(s)).toBe(true);
    expect(zoneCurrent(s)).toBe(true);
  });

  it("must be entered again when the typed tracking identifier changes", () => {
    const s = run(stateAt("zone"), { type: "setIntegrationCode", value: "OTHER" });
    expect(credentialsCurrent(s)).toBe(false);
  });

  it("is dropped by Replace secret", () => {
    const s = run(stateAt("zone"), { type: "replaceSecret" });
    expect(s.credentials).toBeNull();
    expect(isComplete(s, "secret")).toBe(false);
  });

  it("needs a typed tracking identifier for Custom", () => {
    const s = run(stateAt("secret"), { type: "setIntegrationCode", value: "" }, {
      type: "credentialsStored",
      credentials: { username: USERNAME, integrationCode: "" },
    });
    expect(credentialsCurrent(s)).toBe(true);
    expect(isComplete(s, "secret")).toBe(false);
  });

  it("uses a vendor template's own identifier and ignores anything typed", () => {
    const s = run(stateAt("secret", VENDOR_TEMPLATE), { type: "setIntegrationCode", value: "typed" });
    expect(effectiveIntegrationCode(s)).toBe("VENDORCODE");
    const stored = run(s, {
      type: "credentialsStored",
      credentials: { username: USERNAME, integrationCode: "VENDORCODE" },
    });
    expect(isComplete(stored, "secret")).toBe(true);
  });
});

describe("the zone", () => {
  it("belongs to the username it was detected for", () => {
    const s = run(stateAt("check"), { type: "setUsername", value: "someone@else.com" });
    expect(zoneCurrent(s)).toBe(false);
  });

  it("keeps a pasted zone whatever the username", () => {
    const manual = { ...ZONE, source: "manual" as const };
    const s = run(stateAt("zone"), { type: "zoneFound", zone: manual, forUsername: USERNAME });
    expect(s.zoneFor).toBeNull();
    expect(zoneCurrent(run(s, { type: "setUsername", value: "someone@else.com" }))).toBe(true);
  });

  it("can be cleared", () => {
    const s = run(stateAt("check"), { type: "zoneCleared" });
    expect(zoneCurrent(s)).toBe(false);
    expect(isReachable(s, "check")).toBe(false);
  });
});

describe("the connection test", () => {
  it("collects streamed lines, replacing a running line by its result", () => {
    let s = run(stateAt("check"), { type: "checkStarted" });
    s = run(s, { type: "checkItem", item: item("auth", "running") }, { type: "checkItem", item: item("p1", "running") });
    s = reducer(s, { type: "checkItem", item: item("auth", "ok") });
    expect(s.checkItems.map((i) => [i.id, i.status])).toEqual([
      ["auth", "ok"],
      ["p1", "running"],
    ]);
    expect(isComplete(s, "check")).toBe(false);
  });

  it("ignores lines that arrive after the test was stopped", () => {
    const s = run(stateAt("check"), { type: "checkStarted" }, { type: "checkStopped" });
    expect(reducer(s, { type: "checkItem", item: item("auth", "ok") }).checkItems).toEqual([]);
  });

  it("lets the partner on only when the test passed", () => {
    const failed = run(stateAt("check"), { type: "checkStarted" }, {
      type: "checkFinished",
      report: report([item("auth", "ok"), item("probe.companies", "missing")], { ok: false }),
    });
    expect(isComplete(failed, "check")).toBe(false);
    expect(canGoNext(failed)).toBe(false);
    const warned = run(stateAt("check"), { type: "checkStarted" }, {
      type: "checkFinished",
      report: report([item("auth", "ok"), item("probe.extra", "warning")], { ok: true }),
    });
    expect(isComplete(warned, "check")).toBe(true);
  });

  it("no longer counts once what it tested has changed", () => {
    const s = stateAt("filters");
    expect(reportCurrent(s)).toBe(true);
    const otherZone = run(s, { type: "zoneFound", zone: { ...ZONE, apiUrl: "https://webservices2.autotask.net/ATServicesRest/V1.0", source: "manual" }, forUsername: null });
    expect(reportCurrent(otherZone)).toBe(false);
    expect(isReachable(otherZone, "filters")).toBe(false);
    const otherTemplate = run(s, { type: "chooseTemplate", id: "binox" });
    expect(isReachable(otherTemplate, "apiUser")).toBe(false);
  });

  it("judges reports: errors block, warnings do not", () => {
    expect(checkPassed(report([item("auth", "ok")]))).toBe(true);
    expect(checkPassed(report([item("auth", "ok"), item("x", "warning")], { ok: true }))).toBe(true);
    // The engine decides (CheckReport::passed): green-looking lines do not overrule its verdict.
    expect(checkPassed(report([item("auth", "ok"), item("x", "warning")], { ok: false }))).toBe(false);
    expect(checkPassed(report([item("auth", "failed")], { ok: false }))).toBe(false);
    expect(checkPassed(report([], { ok: false }))).toBe(false);
    expect(
      checkPassed(
        report([item("auth", "ok")], {
          ok: true,
          error: { code: "auth_wrong_secret", message: "m", fix: "f" },
        }),
      ),
    ).toBe(false);
  });
});

describe("filters", () => {
  it("toggles values and clears a group", () => {
    let s = run(stateAt("filters"), { type: "toggleFilter", group: "companyTypes", value: "1" });
    s = reducer(s, { type: "toggleFilter", group: "companyTypes", value: "2" });
    expect(s.selection.companyTypes).toEqual(["1", "2"]);
    s = reducer(s, { type: "toggleFilter", group: "companyTypes", value: "1" });
    expect(s.selection.companyTypes).toEqual(["2"]);
    s = reducer(s, { type: "clearFilterGroup", group: "companyTypes" });
    expect(s.selection.companyTypes).toEqual([]);
  });

  it("survive going back to earlier steps", () => {
    const s = run(stateAt("filters"), { type: "toggleFilter", group: "markets", value: "7" }, { type: "goTo", step: "username" });
    expect(run(s, { type: "goTo", step: "filters" }).selection.markets).toEqual(["7"]);
  });
});
