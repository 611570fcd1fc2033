// Starting the wizard part-way, from what is already known: a saved connection being edited, or a hand-off
// a support agent prepared. Everything up to the secret is filled in; the step is the first one left to do.
import type { AutotaskZone, ConnectwiseSite, FilterSet, Psa, Template } from "../bindings.gen";
import { CUSTOM_TEMPLATE_ID, cwSteps, autotaskSteps } from "../templates";
import { type Selection, emptySelection } from "./filters";
import { type StepId, type WizardState, initialState, isComplete, siteKey } from "./state";
import { canonicalRegion } from "./steps/cw/regions";

/** The fields a profile, an export or a hand-off carries (never a secret). */
export interface KnownSetup {
  psa: Psa;
  username: string;
  integrationCode: string;
  zone?: AutotaskZone | null;
  site?: ConnectwiseSite | null;
  filters?: FilterSet;
  settings?: Record<string, unknown>;
  name?: string;
  notes?: string;
}

function selectionFrom(f: FilterSet | undefined, psa: Psa): Selection {
  const s = emptySelection();
  if (!f) return s;
  return {
    ...s,
    companyTypes: [...f.companyTypes],
    companyStatuses: psa === "connectwise" ? [...f.companyStatusIds] : [...f.companyStatuses],
    companyCategories: [...f.companyCategories],
    markets: [...f.markets],
    territories: [...f.territories],
    classifications: [...f.classifications],
    contactStatuses: [...f.contactStatuses],
  };
}

/**
 * A wizard state with `known` filled in for `template`. `secretHeld`: the session already has the secret
 * (a profile opened from the keychain), so the wizard opens on the connection test; otherwise on the
 * secret step.
 */
export function resumeState(
  known: KnownSetup,
  template: Template,
  opts: { secretHeld: boolean; editing?: { id: string; name: string } | null },
): WizardState {
  const base = initialState();
  const cw = known.psa === "connectwise";
  const steps = cw ? cwSteps(template) : autotaskSteps(template);
  // Custom's identifier is the partner's own and stays editable; a vendor's (from a hand-off or a saved
  // connection) is supplied, never shown as a field.
  const custom = template.id === CUSTOM_TEMPLATE_ID;
  let s: WizardState = {
    ...base,
    psa: known.psa,
    templateId: template.id,
    template,
    checklist: steps.map(() => true),
    username: known.username,
    integrationCode: custom ? known.integrationCode : "",
    suppliedCode: custom ? "" : known.integrationCode.trim(),
    selection: selectionFrom(known.filters, known.psa),
    editing: opts.editing ?? null,
    // Editing keeps the saved name anyway; a hand-off's name is what the agent chose for the customer.
    suggestedName: opts.editing ? null : known.name?.trim() || null,
    notes: known.notes ?? "",
    settings: Object.fromEntries(Object.entries(known.settings ?? {}).map(([k, v]) => [k, String(v)])),
  };
  if (cw && known.site) {
    // An old profile's `au` shows as today's single Australia choice (`aus`); its saved hosts still apply.
    s = { ...s, cwSite: canonicalRegion(known.site.site), companyId: known.site.companyId, site: known.site };
    s = { ...s, siteFor: siteKey(s) };
  } else if (!cw && known.zone) {
    s = { ...s, zone: known.zone, zoneFor: known.zone.source === "manual" ? null : known.username };
  }
  if (opts.secretHeld) {
    s = {
      ...s,
      credentials: {
        username: known.username,
        integrationCode: known.integrationCode,
        ...(cw ? { companyId: known.site?.companyId ?? "" } : {}),
      },
    };
  }
  const step: StepId = !isComplete(s, "username")
    ? "username"
    : !opts.secretHeld
      ? "secret"
      : s.site || s.zone
        ? "check"
        : "zone";
  return { ...s, step };
}
