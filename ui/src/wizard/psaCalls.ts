// The calls the shared steps (test, filters, save) make, and what they send, in one place for both PSAs: the
// test and counts go to the session's PSA; the connection is written in its PSA's own words.
import type { CheckItem, CheckReport, Connection, FilterSet, Preview, ProfileInput } from "../bindings.gen";
import * as ipc from "../ipc";
import { toFilterSet } from "./filters";
import { type WizardState, effectiveIntegrationCode, normaliseCompanyId } from "./state";
import { normaliseUsername } from "./validation";
import { settingValues } from "./steps/VendorSettings";

export const PSA_NAMES = { autotask: "Datto Autotask", connectwise: "ConnectWise Manage" } as const;

/** Tests where the app's session says the PSA lives (the zone or site step put it there); the session's
 * credentials tell the app which PSA it is. */
export function runCheck(s: WizardState, opId: string, onItem: (item: CheckItem) => void): Promise<CheckReport> {
  return ipc.connectionCheck(s.templateId, opId, onItem);
}

/** The location a preview needs, as a comparable key; `null` while it is not known. */
export function locationKey(s: WizardState): string | null {
  return s.psa === "connectwise" ? (s.site?.apiUrl ?? null) : (s.zone?.apiUrl ?? null);
}

/** Counts in the session's location; `null` while the wizard has not found one (nothing to ask yet). */
export function preview(s: WizardState, filters: FilterSet, opId: string): Promise<Preview> | null {
  if (locationKey(s) === null) return null;
  return ipc.connectionPreview(filters, opId);
}

/** The connection the wizard describes, in its PSA's own words. */
export function connectionOf(s: WizardState): Connection {
  return s.psa === "connectwise"
    ? {
        psa: "connectwise",
        companyId: normaliseCompanyId(s.companyId),
        publicKey: normaliseUsername(s.username),
        clientId: effectiveIntegrationCode(s),
        site: s.site ?? undefined,
      }
    : {
        psa: "autotask",
        username: normaliseUsername(s.username),
        integrationCode: effectiveIntegrationCode(s),
        zone: s.zone ?? undefined,
      };
}

export function profileInput(s: WizardState, name: string): ProfileInput {
  return {
    name: name.trim(),
    template: s.templateId ?? "custom",
    connection: connectionOf(s),
    filters: toFilterSet(s.selection, s.psa),
    settings: settingValues(s.template?.settings ?? [], s.settings),
    notes: s.notes,
  };
}
