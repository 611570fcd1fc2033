// Step 8: what was set up. The secret is never shown, only that it is held for this session.
import { sortPicklist } from "../filters";
import { FILTER_GROUPS } from "../filters";
import { StepFrame } from "../StepFrame";
import { checkPassed, credentialsCurrent, effectiveIntegrationCode, integrationCodeRequired } from "../state";
import { normaliseUsername } from "../validation";
import type { StepProps } from "../types";

export function Summary({ state, dispatch }: StepProps) {
  const picklists = state.report?.picklists;
  const labelFor = (group: (typeof FILTER_GROUPS)[number]["key"], value: string) =>
    sortPicklist(picklists?.[group] ?? []).find((v) => v.value === value)?.label ?? value;
  const chosen = FILTER_GROUPS.filter((g) => state.selection[g.key].length > 0);

  return (
    <StepFrame
      id="summary"
      title="All set up"
      intro="Here is what PSA Connect set up and checked."
      dispatch={dispatch}
      hideNext
    >
      <dl class="facts" data-testid="summary">
        <dt>PSA</dt>
        <dd data-testid="summary-psa">Datto Autotask</dd>
        <dt>Integration</dt>
        <dd data-testid="summary-integration">{state.template?.name ?? "Custom"}</dd>
        <dt>Username</dt>
        <dd data-testid="summary-username">{normaliseUsername(state.username)}</dd>
        {integrationCodeRequired(state) && (
          <>
            <dt>Tracking identifier</dt>
            <dd data-testid="summary-integration-code">{effectiveIntegrationCode(state)}</dd>
          </>
        )}
        <dt>Secret</dt>
        <dd data-testid="summary-secret">
          {credentialsCurrent(state) ? "Held for this session (not shown)" : "Not entered"}
        </dd>
        <dt>Zone</dt>
        <dd data-testid="summary-zone">
          {state.zone ? `${state.zone.zoneName} — ${state.zone.webUrl}` : "Not found"}
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
        {state.preview && (
          <>
            <dt>Selected</dt>
            <dd data-testid="summary-preview">
              {state.preview.companies.toLocaleString()} companies, {state.preview.contacts.toLocaleString()} contacts
            </dd>
          </>
        )}
      </dl>
      <p class="note" data-testid="summary-save-note">
        Saving this connection as a profile you can reopen comes in a later version of PSA Connect. For now, the
        setup ends here: the API user works and your filters are chosen.
      </p>
    </StepFrame>
  );
}
