// Step 2: what to do in Autotask before PSA Connect can connect, all from the chosen template: the security
// level, the checklist, the access table, the tracking identifier and the requirements outside the table.
import { useState } from "preact/hooks";
import type { PsaError } from "../../bindings.gen";
import { ErrorPanel } from "../../components/ErrorPanel";
import * as ipc from "../../ipc";
import { BUILTIN_CUSTOM, autotaskSteps } from "../../templates";
import { StepFrame } from "../StepFrame";
import { zoneCurrent } from "../state";
import type { StepProps } from "../types";
import { CapabilitiesPanel, PermissionTable, TemplateExtras, TemplateNotes } from "./ApiUserParts";
import { GuideChecklist } from "./GuideChecklist";

export function ApiUserSetup({ state, dispatch }: StepProps) {
  const t = state.template ?? BUILTIN_CUSTOM;
  const at = t.autotask;
  const steps = autotaskSteps(t);
  const [openError, setOpenError] = useState<PsaError | null>(null);
  const firstMenu = steps.find((s) => s.adminPage && s.menuPath)?.menuPath ?? steps.find((s) => s.menuPath)?.menuPath;

  async function openAutotask() {
    if (!state.zone) return;
    setOpenError(null);
    try {
      // The web root of the session's zone: Autotask's admin pages have no URLs we can vouch for, so the
      // button opens the start page and the text names the menu to use.
      await ipc.autotaskOpenWeb();
    } catch (e) {
      setOpenError(e as PsaError);
    }
  }

  if (!at) {
    return (
      <StepFrame id="apiUser" title="Create the API user in Autotask" dispatch={dispatch} nextDisabled>
        <p class="note" data-testid="template-no-autotask">
          {t.name} has no Autotask setup in PSA Connect. Go back and choose another integration.
        </p>
      </StepFrame>
    );
  }
  const tracking = at.trackingIdentifier;

  return (
    <StepFrame
      id="apiUser"
      title="Create the API user in Autotask"
      intro={`${t.name} connects through its own API user. Do these steps in Autotask, ticking each one off as you go. If the user already exists, check it against this list.`}
      dispatch={dispatch}
    >
      <div class="open-autotask">
        {zoneCurrent(state) && state.zone ? (
          <>
            <button type="button" class="btn" onClick={() => void openAutotask()} data-testid="btn-open-autotask">
              Open my Autotask in the browser
            </button>
            <p class="muted small" data-testid="open-autotask-hint">
              This opens your Autotask's start page.{" "}
              {firstMenu ? `From there, use the menu ${firstMenu}.` : "From there, follow the menu paths below."}
            </p>
          </>
        ) : (
          <p class="muted" data-testid="open-autotask-later">
            Log into Autotask in your browser as usual. Once PSA Connect has found your zone (step 5), a button
            here opens your own Autotask directly.
          </p>
        )}
        {openError && <ErrorPanel error={openError} />}
      </div>

      <section aria-labelledby="security-level-title" data-testid="security-level">
        <h2 id="security-level-title">Security level</h2>
        <p>
          Start from <strong>{at.securityLevel.startFrom}</strong>
          {at.securityLevel.changes.length > 0 ? ", then make these changes:" : " and use it as it is."}
        </p>
        {at.securityLevel.changes.length > 0 && (
          <ul class="plain-list">
            {at.securityLevel.changes.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        )}
      </section>

      <GuideChecklist steps={steps} state={state} dispatch={dispatch} />

      <section aria-labelledby="permissions-title">
        <h2 id="permissions-title">Access the API user needs</h2>
        <PermissionTable rows={at.permissions} />
      </section>

      <section aria-labelledby="tracking-title" data-testid="tracking-identifier" data-kind={tracking.kind}>
        <h2 id="tracking-title">API tracking identifier</h2>
        {tracking.kind === "integration_vendor" ? (
          <p>
            Choose <strong>Integration Vendor</strong>, then pick{" "}
            {tracking.vendorName ? (
              <>
                “<strong data-testid="tracking-vendor-name">{tracking.vendorName}</strong>”
              </>
            ) : (
              <>the entry for {t.vendor} (ask them for its exact name if you can't find it)</>
            )}{" "}
            in the list. Autotask doesn't let you change this once the user is saved.
          </p>
        ) : (
          <p>
            Choose <strong>Custom (Internal Integration)</strong> and give it a name. After saving, Autotask shows
            your own tracking identifier: copy it, you will paste it on the Secret step. Autotask doesn't let you
            change this later.
          </p>
        )}
      </section>

      {at.usernameRule && (
        <section aria-labelledby="username-rule-title" data-testid="username-rule">
          <h2 id="username-rule-title">The username</h2>
          <p>{at.usernameRule}</p>
        </section>
      )}

      <TemplateExtras extras={at.extras} />

      <TemplateNotes notes={t.notes} />

      <CapabilitiesPanel template={t} />
    </StepFrame>
  );
}
