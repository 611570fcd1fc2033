// The wizard as a pure state machine. Components dispatch actions and render what these functions say;
// every rule about which step is reachable or finished lives here so it can be unit-tested without a DOM.
//
// Nothing here ever holds the API secret: the Secret step sends it to Rust and records only that (and for
// which username and tracking identifier) it was stored.
import type { AutotaskZone, CheckItem, CheckReport, ConnectwiseSite, Preview, Psa, WizardStep } from "../bindings.gen";
import {
  CUSTOM_TEMPLATE_ID,
  type Template,
  type TemplateSummary,
  autotaskSteps,
  cwClientId,
  cwSteps,
  templateCode,
} from "../templates";
import { type FilterGroup, type Selection, emptySelection, toggleValue } from "./filters";
import {
  checkClientId,
  checkIntegrationCode,
  checkUsername,
  normaliseIntegrationCode,
  normaliseUsername,
} from "./validation";

export const STEPS = [
  { id: "choose", title: "Choose integration" },
  { id: "apiUser", title: "Create the API user" },
  { id: "username", title: "Username" },
  { id: "secret", title: "Secret" },
  { id: "zone", title: "Zone" },
  { id: "check", title: "Connection test" },
  { id: "filters", title: "Filters" },
  { id: "summary", title: "Summary" },
  { id: "vendor", title: "Enter it in the vendor's portal" },
] as const;

export type StepId = (typeof STEPS)[number]["id"];

// The steps are Rust's `WizardStep` (a hand-off names the one it opens at): the type checker fails the build
// when this list and the generated type disagree in either direction.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const stepsMatchRust: Same<StepId, WizardStep> = true;
void stepsMatchRust;

/** ConnectWise names some steps differently: an API member with keys, found through a site. */
const CW_TITLES: Partial<Record<StepId, string>> = {
  apiUser: "Create the API member",
  username: "Site and keys",
  secret: "Private key",
  zone: "Site check",
};

/** `vendor`: the template's vendor, which names the last step ("Enter it in Binox"). */
export function stepTitle(id: StepId, psa: Psa, vendor?: string | null): string {
  if (id === "vendor" && vendor) return `Enter it in ${vendor}`;
  const base = STEPS.find((s) => s.id === id)?.title ?? id;
  return psa === "connectwise" ? (CW_TITLES[id] ?? base) : base;
}

export type LoadState = "loading" | "ready" | "failed";

/** What was handed to Rust with the secret; the secret itself is not kept. */
export interface StoredCredentials {
  /** Autotask username, or ConnectWise public key. */
  username: string;
  /** Autotask tracking identifier, or ConnectWise clientId. */
  integrationCode: string;
  /** ConnectWise only. */
  companyId?: string;
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
  /** Autotask: the API username. ConnectWise: the API member's public key. */
  username: string;
  /** Autotask: the tracking identifier typed for Custom. ConnectWise: a clientId typed for Custom. */
  integrationCode: string;
  /** The vendor's identifier (Autotask integration code, ConnectWise clientId) a hand-off or a saved
   * connection supplied for a vendor template; empty when none did. Never typed by the partner. */
  suppliedCode: string;
  /** ConnectWise: a cloud region ("na", "eu", …) or a self-hosted address. */
  cwSite: string;
  /** ConnectWise: the company ID used at the login screen. */
  companyId: string;
  /** ConnectWise: what companyinfo said, and the site + company it belongs to. */
  site: ConnectwiseSite | null;
  siteFor: string | null;
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
  /** Answers to the template's vendor settings, by setting id (unanswered: the template's default). */
  settings: Record<string, string>;
  /** The report key the partner chose to go on with although the test failed ("save anyway"). */
  acceptedFailure: string | null;
  /** Set when the wizard edits a saved connection: saving replaces that profile. */
  editing: { id: string; name: string } | null;
  /** The name a support agent gave the connection in a hand-off: offered when saving. */
  suggestedName: string | null;
  /** Free-text notes of the connection (from the profile being edited or the hand-off): kept when saving. */
  notes: string;
  /** The name the connection was saved under in this run (the last step says so), else null. */
  savedAs: string | null;
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
  | { type: "setCwSite"; value: string }
  | { type: "setCompanyId"; value: string }
  | { type: "siteFound"; site: ConnectwiseSite; forKey: string }
  | { type: "siteCleared" }
  | { type: "checkStarted" }
  | { type: "checkItem"; item: CheckItem }
  | { type: "checkFinished"; report: CheckReport }
  | { type: "checkStopped" }
  | { type: "acceptFailedCheck" }
  | { type: "setSetting"; id: string; value: string }
  | { type: "toggleFilter"; group: FilterGroup; value: string }
  | { type: "clearFilterGroup"; group: FilterGroup }
  | { type: "previewLoaded"; preview: Preview }
  | { type: "next" }
  | { type: "back" }
  | { type: "goTo"; step: StepId }
  | { type: "saved"; name: string };

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
    suppliedCode: "",
    cwSite: "na",
    companyId: "",
    site: null,
    siteFor: null,
    credentials: null,
    zone: null,
    zoneFor: null,
    checkRunning: false,
    checkItems: [],
    report: null,
    reportFor: null,
    selection: emptySelection(),
    preview: null,
    acceptedFailure: null,
    settings: {},
    editing: null,
    suggestedName: null,
    notes: "",
    savedAs: null,
  };
}

export const stepIndex = (id: StepId): number => STEPS.findIndex((s) => s.id === id);

// ---- derived facts ---------------------------------------------------------------------------------

/** Only Custom asks the partner for an identifier: their own tracking identifier or registered clientId. */
export const isCustom = (s: WizardState): boolean => s.templateId === CUSTOM_TEMPLATE_ID;

/** A vendor template's identifier, when something supplied it: a hand-off or saved connection, else the
 * template (from the vendor's pack). `undefined`: PSA Connect does not have it, and the partner cannot. */
export function vendorIdentifier(s: WizardState): string | undefined {
  if (s.suppliedCode.trim() !== "") return s.suppliedCode.trim();
  return s.psa === "connectwise" ? cwClientId(s.template) : templateCode(s.template);
}

/** The integration identifier that goes with the secret: the vendor's for a vendor template, the typed one
 * for Custom. */
export function effectiveIntegrationCode(s: WizardState): string {
  if (isCustom(s)) return normaliseIntegrationCode(s.integrationCode);
  return vendorIdentifier(s) ?? "";
}

/** The Secret step has a field for the partner's own identifier (Custom only). */
export function integrationCodeRequired(s: WizardState): boolean {
  return isCustom(s);
}

/** What is wrong with the typed Custom identifier, or null. */
export function integrationCodeProblem(s: WizardState): string | null {
  if (!integrationCodeRequired(s)) return null;
  return s.psa === "connectwise" ? checkClientId(s.integrationCode) : checkIntegrationCode(s.integrationCode);
}

/** A vendor template whose identifier nobody supplied: the vendor's pack or setup link is needed first. */
export function vendorIdentifierMissing(s: WizardState): boolean {
  return !isCustom(s) && s.template !== null && vendorIdentifier(s) === undefined;
}

export const normaliseCompanyId = (raw: string): string => raw.trim();
export const normaliseCwSite = (raw: string): string => raw.trim();

/** The stored secret still matches the login details on screen. */
export function credentialsCurrent(s: WizardState): boolean {
  return (
    s.credentials !== null &&
    s.credentials.username === normaliseUsername(s.username) &&
    s.credentials.integrationCode === effectiveIntegrationCode(s) &&
    (s.psa === "autotask" || s.credentials.companyId === normaliseCompanyId(s.companyId))
  );
}

/** Which site and company a ConnectWise detection was made for. */
export function siteKey(s: WizardState): string {
  return JSON.stringify([normaliseCwSite(s.cwSite).toLowerCase(), normaliseCompanyId(s.companyId).toLowerCase()]);
}

export function siteCurrent(s: WizardState): boolean {
  return s.site !== null && s.siteFor === siteKey(s);
}

/** Where the PSA lives is known for the details on screen: the Autotask zone or the ConnectWise site. */
export function locationCurrent(s: WizardState): boolean {
  return s.psa === "connectwise" ? siteCurrent(s) : zoneCurrent(s);
}

/** ConnectWise step 3: a site, a company ID and a public key. */
export function cwLoginComplete(s: WizardState): boolean {
  return normaliseCwSite(s.cwSite) !== "" && normaliseCompanyId(s.companyId) !== "" && normaliseUsername(s.username) !== "";
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
    s.psa === "connectwise" ? (s.site?.apiUrl ?? null) : (s.zone?.apiUrl ?? null),
    s.psa === "connectwise" ? normaliseCompanyId(s.companyId) : null,
    s.templateId,
  ]);
}

export function reportCurrent(s: WizardState): boolean {
  return s.report !== null && s.reportFor === checkKey(s) && credentialsCurrent(s) && locationCurrent(s);
}

/** A test passes when Autotask let us in and nothing required failed; warnings do not block. */
/** The engine decides (`CheckReport::passed` in Rust): its `ok`, and no blocking error. */
export function checkPassed(r: CheckReport): boolean {
  return r.ok && !r.error;
}

export function isComplete(s: WizardState, step: StepId): boolean {
  switch (step) {
    case "choose":
      return (
        s.template !== null &&
        s.template.id === s.templateId &&
        (s.psa === "autotask" ? !!s.template.autotask : !!s.template.connectwise)
      );
    case "apiUser":
      return true;
    case "username":
      return s.psa === "connectwise" ? cwLoginComplete(s) : checkUsername(s.username).ok;
    case "secret":
      return integrationCodeProblem(s) === null && !vendorIdentifierMissing(s) && credentialsCurrent(s);
    case "zone":
      return locationCurrent(s);
    case "check":
      return (
        !s.checkRunning &&
        reportCurrent(s) &&
        (checkPassed(s.report as CheckReport) || (s.acceptedFailure !== null && s.acceptedFailure === s.reportFor))
      );
    case "filters":
    case "summary":
    case "vendor":
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
