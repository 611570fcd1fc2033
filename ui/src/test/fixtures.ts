// Wizard states part-way through, built with the reducer itself so they are states a partner can reach.
import type { FilterSet, Profile, Template } from "../bindings.gen";
import { templateCode } from "../templates";
import { BINOX_MSP, CUSTOM, TEMPLATE_SUMMARIES } from "./templates";
import { type Action, type StepId, type WizardState, initialState, reducer } from "../wizard/state";
import { PICKLISTS, ZONE, item, report } from "./helpers";

export const USERNAME = "api-sync@example.com";
export const CODE = "ABCDEF123456";

/** A filter set that narrows nothing. */
export const NO_FILTERS: FilterSet = {
  companyTypes: [],
  companyStatuses: [],
  companyStatusIds: [],
  companyCategories: [],
  markets: [],
  territories: [],
  classifications: [],
  contactStatuses: [],
};

/** A saved Autotask connection with its secret in the keychain, as `profiles_list` returns it. */
export function savedProfile(id = "p1", name = "Contoso", extra: Partial<Profile> = {}): Profile {
  return {
    id,
    name,
    template: "custom",
    connection: { psa: "autotask", username: USERNAME, integrationCode: "ABC", zone: ZONE },
    filters: NO_FILTERS,
    settings: {},
    notes: "",
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
    secretRef: `profile-${id}`,
    ...extra,
  };
}

/**
 * Binox with a vendor code PSA Connect knows. None of today's data files carries one, but the type allows it
 * and the wizard must then send it without asking.
 */
export const VENDOR_TEMPLATE: Template = {
  ...BINOX_MSP,
  autotask: BINOX_MSP.autotask && {
    ...BINOX_MSP.autotask,
    trackingIdentifier: { ...BINOX_MSP.autotask.trackingIdentifier, code: "VENDORCODE" },
  },
};

export function run(s: WizardState, ...actions: Action[]): WizardState {
  return actions.reduce(reducer, s);
}

/** A state whose every step before `step` is finished, standing on `step`. */
export function stateAt(step: StepId, template: Template = CUSTOM): WizardState {
  let s = run(
    initialState(),
    { type: "templatesLoaded", templates: TEMPLATE_SUMMARIES },
    { type: "chooseTemplate", id: template.id },
    { type: "templateLoaded", template },
  );
  const order: StepId[] = ["choose", "apiUser", "username", "secret", "zone", "check", "filters", "summary", "vendor"];
  for (const current of order) {
    if (current === step) return { ...s, step };
    switch (current) {
      case "username":
        s = run(s, { type: "setUsername", value: USERNAME });
        break;
      case "secret":
        s = run(
          s,
          { type: "setIntegrationCode", value: CODE },
          {
            type: "credentialsStored",
            credentials: { username: USERNAME, integrationCode: templateCode(template) ?? CODE },
          },
        );
        break;
      case "zone":
        s = run(s, { type: "zoneFound", zone: ZONE, forUsername: USERNAME });
        break;
      case "check":
        s = run(s, { type: "checkStarted" }, { type: "checkFinished", report: report([item("auth", "ok")]) });
        break;
      default:
        break;
    }
    s = { ...s, step: current };
  }
  return s;
}

export { PICKLISTS };
