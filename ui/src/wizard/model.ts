// The wizard's steps, its state and the actions that change it: the data, with no rules. The rules that read
// it are in rules.ts, the reducer that changes it in state.ts (which re-exports this module and rules.ts).
//
// Nothing here ever holds the API secret: the Secret step sends it to Rust and records only that (and for
// which username and tracking identifier) it was stored.
import type { AutotaskZone, CheckItem, CheckReport, ConnectwiseSite, Preview, Psa, WizardStep } from "../bindings.gen";
import type { Template, TemplateSummary } from "../templates";
import { type FilterGroup, type Selection, emptySelection } from "./filters";

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
