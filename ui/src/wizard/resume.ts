// Starting the wizard part-way, from what is already known: a saved connection being edited, or a hand-off
// a support agent prepared. Everything up to the secret is filled in; the step is the first one left to do.
import type { Connection, FilterSet, Psa, Template } from "../bindings.gen";
import { identifierOf, loginOf } from "../connection";
import { CUSTOM_TEMPLATE_ID, cwSteps, autotaskSteps } from "../templates";
import { type Selection, emptySelection } from "./filters";
import { type StepId, type WizardState, initialState, isComplete, siteKey } from "./state";
import { canonicalRegion } from "./steps/cw/regions";

/** The fields a profile, an export or a hand-off carries (never a secret). */
export interface KnownSetup {
  connection: Connection;
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
  const c = known.connection;
  const cw = c.psa === "connectwise";
  const login = loginOf(c);
  const identifier = identifierOf(c);
  const steps = cw ? cwSteps(template) : autotaskSteps(template);
  // Custom's identifier is the partner's own and stays editable; a vendor's (from a hand-off or a saved
  // connection) is supplied, never shown as a field.
  const custom = template.id === CUSTOM_TEMPLATE_ID;
  let s: WizardState = {
    ...base,
    psa: c.psa,
    templateId: template.id,
    template,
    checklist: steps.map(() => true),
    username: login,
    integrationCode: custom ? identifier : "",
    suppliedCode: custom ? "" : identifier.trim(),
    selection: selectionFrom(known.filters, c.psa),
    editing: opts.editing ?? null,
    // Editing keeps the saved name anyway; a hand-off's name is what the agent chose for the customer.
    suggestedName: opts.editing ? null : known.name?.trim() || null,
    notes: known.notes ?? "",
    settings: Object.fromEntries(Object.entries(known.settings ?? {}).map(([k, v]) => [k, String(v)])),
  };
  if (c.psa === "connectwise") {
    s = { ...s, companyId: c.companyId };
    if (c.site) {
      // A saved region shows as its choice in the list (`AU` as `au`); its saved hosts still apply.
      s = { ...s, cwSite: canonicalRegion(c.site.site), companyId: c.companyId || c.site.companyId, site: c.site };
      s = { ...s, siteFor: siteKey(s) };
    }
  } else if (c.zone) {
    s = { ...s, zone: c.zone, zoneFor: c.zone.source === "manual" ? null : login };
  }
  if (opts.secretHeld) {
    s = {
      ...s,
      credentials: {
        username: login,
        integrationCode: identifier,
        ...(cw ? { companyId: s.companyId } : {}),
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
