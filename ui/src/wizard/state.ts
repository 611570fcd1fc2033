// The wizard as a pure state machine. Components dispatch actions and render what these functions say;
// every rule about which step is reachable or finished lives here so it can be unit-tested without a DOM.
//
// Nothing here ever holds the API secret: the Secret step sends it to Rust and records only that (and for
// which username and tracking identifier) it was stored.
import type { AutotaskZone, CheckItem, CheckReport, Preview, Psa } from "../bindings.gen";
import { type Template, type TemplateSummary, autotaskSteps, templateCode } from "../templates";
import { type FilterGroup, type Selection, emptySelection, toggleValue } from "./filters";
import { checkIntegrationCode, checkUsername, normaliseIntegrationCode, normaliseUsername } from "./validation";

export const STEPS = [
  { id: "choose", title: "Choose integration" },
  { id: "apiUser", title: "Create the API user" },
  { id: "username", title: "Username" },
  { id: "secret", title: "Secret" },
  { id: "zone", title: "Zone" },
  { id: "check", title: "Connection test" },
  { id: "filters", title: "Filters" },
  { id: "summary", title: "Summary" },
] as const;

export type StepId = (typeof STEPS)[number]["id"];

export type LoadState = "loading" | "ready" | "failed";

/** What was handed to Rust with the secret; the secret itself is not kept. */
export interface StoredCredentials {
  username: string;
  integrationCode: string;
}

export interface WizardState {
  step: StepId;
  psa: Psa;
  templates: TemplateSummary[];
  templatesState: LoadState;
  templateId: string | null;
  template: Template | null;
  /** Ticked lines of step 2's checklist, by index into template.steps. */
  checklist: boolean[];
  username: string;
  integrationCode: string;
  credentials: StoredCredentials | null;
  zone: AutotaskZone | null;
  /** The username a detected zone belongs to (manual zones belong to no username). */
  zoneFor: string | null;
  checkRunning: boolean;
  checkItems: CheckItem[];
  report: CheckReport | null;
  /** The inputs the report was made with: a report for other inputs no longer counts. */
  reportFor: string | null;
  selection: Selection;
  preview: Preview | null;
}

export type Action =
  | { type: "templatesLoaded"; templates: TemplateSummary[] }
  | { type: "templatesFailed" }
  | { type: "choosePsa"; psa: Psa }
  | { type: "chooseTemplate"; id: string }
  | { type: "templateLoaded"; template: Template }
  | { type: "toggleChecklist"; index: number }
  | { type: "setUsername"; value: string }
  | { type: "setIntegrationCode"; value: string }
  | { type: "credentialsStored"; credentials: StoredCredentials }
  | { type: "replaceSecret" }
  | { type: "zoneFound"; zone: AutotaskZone; forUsername: string | null }
  | { type: "zoneCleared" }
  | { type: "checkStarted" }
  | { type: "checkItem"; item: CheckItem }
  | { type: "checkFinished"; report: CheckReport }
  | { type: "checkStopped" }
  | { type: "toggleFilter"; group: FilterGroup; value: string }
  | { type: "clearFilterGroup"; group: FilterGroup }
  | { type: "previewLoaded"; preview: Preview }
  | { type: "next" }
  | { type: "back" }
  | { type: "goTo"; step: StepId };

export function initialState(): WizardState {
  return {
    step: "choose",
    psa: "autotask",
    templates: [],
    templatesState: "loading",
    templateId: null,
    template: null,
    checklist: [],
    username: "",
    integrationCode: "",
    credentials: null,
    zone: null,
    zoneFor: null,
    checkRunning: false,
    checkItems: [],
    report: null,
    reportFor: null,
    selection: emptySelection(),
    preview: null,
  };
}

export const stepIndex = (id: StepId): number => STEPS.findIndex((s) => s.id === id);

// ---- derived facts ---------------------------------------------------------------------------------

/** The tracking identifier that goes with the secret: the template's own, else what the partner typed. */
export function effectiveIntegrationCode(s: WizardState): string {
  return templateCode(s.template) ?? normaliseIntegrationCode(s.integrationCode);
}

export function integrationCodeRequired(s: WizardState): boolean {
  return templateCode(s.template) === undefined;
}

/** The stored secret still matches the username and identifier on screen. */
export function credentialsCurrent(s: WizardState): boolean {
  return (
    s.credentials !== null &&
    s.credentials.username === normaliseUsername(s.username) &&
    s.credentials.integrationCode === effectiveIntegrationCode(s)
  );
}

/** A detected zone belongs to the username it was found for; a pasted one stands on its own. */
export function zoneCurrent(s: WizardState): boolean {
  if (!s.zone) return false;
  return s.zone.source === "manual" || s.zoneFor === normaliseUsername(s.username);
}

/** The inputs a connection test depends on, as one comparable string. */
export function checkKey(s: WizardState): string {
  return JSON.stringify([
    normaliseUsername(s.username),
    effectiveIntegrationCode(s),
    s.zone?.apiUrl ?? null,
    s.templateId,
  ]);
}

export function reportCurrent(s: WizardState): boolean {
  return s.report !== null && s.reportFor === checkKey(s) && credentialsCurrent(s) && zoneCurrent(s);
}

/** A test passes when Autotask let us in and nothing required failed; warnings do not block. */
export function checkPassed(r: CheckReport): boolean {
  if (r.error) return false;
  if (r.ok) return true;
  return r.items.length > 0 && r.items.every((i) => i.status === "ok" || i.status === "warning" || i.status === "skipped");
}

export function isComplete(s: WizardState, step: StepId): boolean {
  switch (step) {
    case "choose":
      return s.psa === "autotask" && s.template !== null && s.template.id === s.templateId;
    case "apiUser":
      return true;
    case "username":
      return checkUsername(s.username).ok;
    case "secret":
      return (!integrationCodeRequired(s) || checkIntegrationCode(s.integrationCode) === null) && credentialsCurrent(s);
    case "zone":
      return zoneCurrent(s);
    case "check":
      return !s.checkRunning && reportCurrent(s) && checkPassed(s.report as CheckReport);
    case "filters":
    case "summary":
      return true;
  }
}

/** A step can be opened when every step before it is finished. */
export function isReachable(s: WizardState, step: StepId): boolean {
  const target = stepIndex(step);
  return STEPS.slice(0, target).every((p) => isComplete(s, p.id));
}

export function canGoNext(s: WizardState): boolean {
  return stepIndex(s.step) < STEPS.length - 1 && isComplete(s, s.step);
}

// ---- reducer ---------------------------------------------------------------------------------------

export function reducer(s: WizardState, a: Action): WizardState {
  switch (a.type) {
    case "templatesLoaded":
      return { ...s, templates: a.templates, templatesState: "ready" };
    case "templatesFailed":
      return { ...s, templates: [], templatesState: "failed" };
    case "choosePsa":
      // Only Autotask is offered today; ConnectWise arrives with its own issue.
      return a.psa === s.psa ? s : { ...s, psa: a.psa, templateId: null, template: null, checklist: [] };
    case "chooseTemplate":
      if (a.id === s.templateId) return s;
      return { ...s, templateId: a.id, template: null, checklist: [], preview: null };
    case "templateLoaded":
      if (a.template.id !== s.templateId) return s; // an answer for an earlier choice
      return { ...s, template: a.template, checklist: autotaskSteps(a.template).map(() => false) };
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
  }
}
