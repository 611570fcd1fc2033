// What the wizard's state means: which identifier goes with the secret, whether what was found or tested
// still belongs to the details on screen, and which steps are finished or may be opened. Pure functions of
// the state (model.ts), unit-tested without a DOM.
import type { CheckReport } from "../bindings.gen";
import { CUSTOM_TEMPLATE_ID, cwClientId, templateCode } from "../templates";
import { STEPS, type StepId, type WizardState, stepIndex } from "./model";
import {
  checkClientId,
  checkIntegrationCode,
  checkUsername,
  normaliseIntegrationCode,
  normaliseUsername,
} from "./validation";

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
