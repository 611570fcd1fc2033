// Step 8: what was set up, and saving it as a connection profile. The secret is never shown, only that it
// is held for this session; saving stores the session's copy in the keychain on the Rust side.
import { useContext, useState } from "preact/hooks";
import type { PsaError } from "../../bindings.gen";
import { ErrorPanel } from "../../components/ErrorPanel";
import * as ipc from "../../ipc";
import { PSA_NAMES, profileInput } from "../psaCalls";
import { VendorSettings, missingSettings } from "./VendorSettings";
import { SaveContext } from "../../profiles/context";
import { defaultProfileName } from "../../profiles/health";
import { sortPicklist } from "../filters";
import { FILTER_GROUPS } from "../filters";
import { StepFrame } from "../StepFrame";
import { checkPassed, credentialsCurrent, effectiveIntegrationCode, integrationCodeRequired } from "../state";
import { normaliseUsername } from "../validation";
import type { StepProps } from "../types";
import { countOf } from "../../format";
import type { WizardState } from "../state";

/** The heading says what is true: only a passed test on the details on screen is "all set up". */
export function summaryHeading(s: WizardState): string {
  if (s.report === null) return "Summary: not tested yet";
  return checkPassed(s.report) ? "All set up" : "Summary: the connection test did not pass";
}

export function summaryIntro(s: WizardState): string {
  if (s.report === null) return "Here is what you entered. The connection test has not run for these details.";
  return checkPassed(s.report)
    ? "Here is what PSA Connect set up and checked."
    : "Here is what you entered. The connection test found problems, so the integration may not work until they are fixed.";
}

export function Summary({ state, dispatch }: StepProps) {
  const picklists = state.report?.picklists;
  const labelFor = (group: (typeof FILTER_GROUPS)[number]["key"], value: string) =>
    sortPicklist(picklists?.[group] ?? []).find((v) => v.value === value)?.label ?? value;
  const chosen = FILTER_GROUPS.filter((g) => state.selection[g.key].length > 0);
  const saver = useContext(SaveContext);
  const cw = state.psa === "connectwise";
  const [name, setName] = useState(() =>
    state.editing?.name ??
    state.suggestedName ??
    defaultProfileName(
      state.template?.name ?? "Custom",
      // ConnectWise: the company ID names the tenant the way an e-mail domain does for Autotask.
      state.psa === "connectwise" ? `@${state.companyId.trim()}` : normaliseUsername(state.username),
    ),
  );
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<PsaError | null>(null);

  const passed = state.report !== null && checkPassed(state.report);
  const unanswered = missingSettings(state.template?.settings ?? [], state.settings);
  // Editing keeps the connection's name: saving then replaces it. Another name saves a new connection.
  const replacing = state.editing !== null && name.trim().toLowerCase() === state.editing.name.trim().toLowerCase();

  const save = async (force = false) => {
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await ipc.profileSave(profileInput(state, name), force, replacing);
      saver?.onSaved(saved.profile, saved.warnings ?? []);
      dispatch({ type: "saved", name: saved.profile.name });
    } catch (e) {
      // Everything typed stays on screen; only the error is new.
      setSaveError(e as PsaError);
    } finally {
      setSaving(false);
    }
  };

  return (
    <StepFrame
      id="summary"
      title={summaryHeading(state)}
      intro={summaryIntro(state)}
      dispatch={dispatch}
      nextLabel={`Next: enter it in ${state.template?.vendor ?? "your integration"}`}
    >
      <dl class="facts" data-testid="summary">
        <dt>PSA</dt>
        <dd data-testid="summary-psa">{PSA_NAMES[state.psa]}</dd>
        <dt>Integration</dt>
        <dd data-testid="summary-integration">{state.template?.name ?? "Custom"}</dd>
        <dt>{cw ? "Public key" : "Username"}</dt>
        <dd data-testid="summary-username">{normaliseUsername(state.username)}</dd>
        {cw && (
          <>
            <dt>Company ID</dt>
            <dd data-testid="summary-company-id">{state.companyId.trim()}</dd>
          </>
        )}
        {integrationCodeRequired(state) && (
          <>
            <dt>{cw ? "clientId" : "Tracking identifier"}</dt>
            <dd data-testid="summary-integration-code">{effectiveIntegrationCode(state)}</dd>
          </>
        )}
        <dt>{cw ? "Private key" : "Secret"}</dt>
        <dd data-testid="summary-secret">
          {credentialsCurrent(state) ? "Held for this session (not shown)" : "Not entered"}
        </dd>
        <dt>{cw ? "Site" : "Zone"}</dt>
        <dd data-testid="summary-zone">
          {cw
            ? state.site
              ? `${state.site.webUrl} (${state.site.isCloud ? "cloud" : "self-hosted"}, ${state.site.codebase.replace(/\/$/, "")})`
              : "Not found"
            : state.zone
              ? `${state.zone.zoneName} — ${state.zone.webUrl}`
              : "Not found"}
        </dd>
        <dt>Connection test</dt>
        <dd data-testid="summary-check">
          {state.report ? (checkPassed(state.report) ? "Passed" : "Not passed") : "Not run"}
        </dd>
        <dt>Filters</dt>
        <dd data-testid="summary-filters">
          {chosen.length === 0 ? (
            "None: everything is included"
          ) : (
            <ul class="plain-list">
              {chosen.map((g) => (
                <li key={g.key}>
                  {g.label}: {state.selection[g.key].map((v) => labelFor(g.key, v)).join(", ")}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {state.notes.trim() !== "" && (
          <>
            <dt>Notes</dt>
            <dd data-testid="summary-notes">{state.notes}</dd>
          </>
        )}
        {state.preview && (
          <>
            <dt>Selected</dt>
            <dd data-testid="summary-preview">
              {countOf(state.preview.companies, "company", "companies")},{" "}
              {countOf(state.preview.contacts, "contact", "contacts")}
            </dd>
          </>
        )}
      </dl>
      <VendorSettings state={state} dispatch={dispatch} />
      {unanswered.length > 0 && (
        <p class="note" data-testid="settings-missing">
          Choose {unanswered.map((f) => `“${f.label}”`).join(", ")} before saving: the guide gives no default.
        </p>
      )}
      <form
        class="save-profile field"
        onSubmit={(e) => {
          e.preventDefault();
          // The step's own form (Next) is around this one: saving must not also move on.
          e.stopPropagation();
          void save(false);
        }}
      >
        <label for="profile-name">Name for this connection</label>
        <div class="input-with-button">
          <input
            id="profile-name"
            data-testid="input-profile-name"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <button
            type="submit"
            class="btn btn-primary"
            data-testid="btn-save-profile"
            disabled={saving || name.trim() === "" || !passed || unanswered.length > 0}
          >
            {saving ? "Saving…" : replacing ? "Save changes" : "Save connection"}
          </button>
        </div>
        {!passed && credentialsCurrent(state) && (
          <div class="note" data-testid="save-anyway-panel">
            <p>
              The connection test has not passed, so the integration may not work with these details. You can still
              save them, for example to finish the setup later.
            </p>
            <button
              type="button"
              class="btn"
              data-testid="btn-save-anyway"
              disabled={saving || name.trim() === "" || unanswered.length > 0}
              onClick={() => void save(true)}
            >
              Save anyway
            </button>
          </div>
        )}
        <p class="note" data-testid="summary-save-note">
          The secret goes into this computer’s keychain, never into a file. You can re-test, copy or delete the
          connection later from the home screen.
        </p>
        {saveError && <ErrorPanel error={saveError} testId="save-error" />}
      </form>
    </StepFrame>
  );
}
