// The wizard as a pure state machine: the reducer. Components dispatch actions and render what the rules say.
// The steps, the state and the actions are in model.ts, the rules that read them in rules.ts; this module
// re-exports both, so the screens import the wizard from one place.
import { autotaskSteps, cwSteps } from "../templates";
import { toggleValue } from "./filters";
import { type Action, STEPS, type WizardState, initialState, stepIndex } from "./model";
import { canGoNext, checkKey, isReachable, reportCurrent } from "./rules";

export * from "./model";
export * from "./rules";

// ---- reducer ---------------------------------------------------------------------------------------

export function reducer(s: WizardState, a: Action): WizardState {
  switch (a.type) {
    case "templatesLoaded":
      return { ...s, templates: a.templates, templatesState: "ready" };
    case "templatesFailed":
      return { ...s, templates: [], templatesState: "failed" };
    case "choosePsa":
      // Another PSA means other logins, another location and other picklists: nothing typed carries over.
      if (a.psa === s.psa) return s;
      return {
        ...initialState(),
        templates: s.templates,
        templatesState: s.templatesState,
        psa: a.psa,
      };
    case "chooseTemplate":
      if (a.id === s.templateId) return s;
      // A supplied vendor identifier belongs to the template it came with.
      return { ...s, templateId: a.id, template: null, checklist: [], preview: null, settings: {}, suppliedCode: "" };
    case "templateLoaded":
      if (a.template.id !== s.templateId) return s; // an answer for an earlier choice
      return {
        ...s,
        template: a.template,
        checklist: (s.psa === "connectwise" ? cwSteps(a.template) : autotaskSteps(a.template)).map(() => false),
      };
    case "toggleChecklist": {
      if (a.index < 0 || a.index >= s.checklist.length) return s;
      const checklist = s.checklist.slice();
      checklist[a.index] = !checklist[a.index];
      return { ...s, checklist };
    }
    case "setUsername":
      return { ...s, username: a.value };
    case "setIntegrationCode":
      return { ...s, integrationCode: a.value };
    case "credentialsStored":
      return { ...s, credentials: { ...a.credentials } };
    case "replaceSecret":
      return { ...s, credentials: null };
    case "zoneFound":
      return { ...s, zone: a.zone, zoneFor: a.zone.source === "manual" ? null : a.forUsername, preview: null };
    case "zoneCleared":
      return { ...s, zone: null, zoneFor: null, preview: null };
    case "setCwSite":
      return { ...s, cwSite: a.value };
    case "setCompanyId":
      return { ...s, companyId: a.value };
    case "siteFound":
      return { ...s, site: a.site, siteFor: a.forKey, preview: null };
    case "siteCleared":
      return { ...s, site: null, siteFor: null, preview: null };
    case "checkStarted":
      return { ...s, checkRunning: true, checkItems: [], report: null, reportFor: null };
    case "checkItem": {
      if (!s.checkRunning) return s; // a late line from a cancelled run
      const i = s.checkItems.findIndex((x) => x.id === a.item.id);
      const checkItems = i < 0 ? [...s.checkItems, a.item] : s.checkItems.map((x, j) => (j === i ? a.item : x));
      return { ...s, checkItems };
    }
    case "checkFinished":
      return {
        ...s,
        checkRunning: false,
        report: a.report,
        reportFor: checkKey(s),
        checkItems: a.report.items.length > 0 ? a.report.items : s.checkItems,
      };
    case "checkStopped":
      return { ...s, checkRunning: false };
    case "setSetting":
      return { ...s, settings: { ...s.settings, [a.id]: a.value } };
    case "acceptFailedCheck":
      return reportCurrent(s) ? { ...s, acceptedFailure: s.reportFor } : s;
    case "toggleFilter":
      return { ...s, selection: toggleValue(s.selection, a.group, a.value) };
    case "clearFilterGroup":
      return { ...s, selection: { ...s.selection, [a.group]: [] } };
    case "previewLoaded":
      return { ...s, preview: a.preview };
    case "next":
      return canGoNext(s) ? { ...s, step: STEPS[stepIndex(s.step) + 1]!.id } : s;
    case "back": {
      const i = stepIndex(s.step);
      return i > 0 ? { ...s, step: STEPS[i - 1]!.id } : s;
    }
    case "goTo":
      return isReachable(s, a.step) ? { ...s, step: a.step } : s;
    case "saved":
      // Saving finishes the summary: the last step shows what to type into the vendor's portal.
      return { ...s, savedAs: a.name, step: isReachable(s, "vendor") ? "vendor" : s.step };
  }
}
